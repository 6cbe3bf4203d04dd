#!/usr/bin/env node
// A fake `wsl.exe` for tests (Windows is absent here). Its own messages are UTF-16LE, as real
// wsl.exe prints them (output of programs run inside a distro stays UTF-8). State lives in
// $FAKE_WSL_HOME/_fake/state.json. FAKE_WSL (comma-separated) picks failures: not-installed,
// virtualization-off, kernel-update, no-distros-message, engine-crashes, version1.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../../../../harness/cleanup.mjs';

const home = process.env.FAKE_WSL_HOME;
const flags = new Set((process.env.FAKE_WSL ?? '').split(',').filter(Boolean));
const fake = join(home, '_fake');
mkdirSync(fake, { recursive: true });
const stateFile = join(fake, 'state.json');
const read = () => (existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { distros: {} });
const state = read();
/**
 * Changes the state as other fake wsl.exe processes left it (several run at once: the engine, the data
 * distro's keep-alive, a --list), under a lock: a whole-file write of what this process read at its
 * start would undo what another wrote since (an engine's pid lost, a running distro said stopped).
 */
function update(change) {
  const lock = `${stateFile}.lock`;
  const until = Date.now() + 10000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`fake wsl: ${lock} stays taken`);
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10000) rmdirSync(lock); // left by a killed process
      } catch {
        /* gone meanwhile */
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try {
    const now = read();
    change(now);
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(now, null, 2));
    renameSync(`${stateFile}.tmp`, stateFile);
  } finally {
    rmdirSync(lock);
  }
}
const args = process.argv.slice(2);
appendFileSync(join(fake, 'calls.log'), `${args.join(' ')}\n`);

const say16 = (text, stream = process.stdout) => stream.write(Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le'));
for (const d of Object.values(state.distros)) {
  if (d.state === 'Running' && !isAlive(d.enginePid) && !isAlive(d.keepAlivePid)) d.state = 'Stopped';
}

const NOT_INSTALLED =
  "The Windows Subsystem for Linux is not installed. You can install by running 'wsl.exe --install'.\nFor more information please visit https://aka.ms/wslinstall\n";
const NO_VIRT =
  'Please enable the Virtual Machine Platform Windows feature and ensure virtualization is enabled in the BIOS.\nFor information please visit https://aka.ms/enablevirtualization\nError code: Wsl/Service/CreateInstance/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED\n';
const KERNEL =
  'WSL 2 requires an update to its kernel component. For information please visit https://aka.ms/wsl2kernel\n';

function fail(text, code = 4294967295 & 0xff) {
  say16(text);
  process.exit(code || 1);
}

if (flags.has('not-installed')) fail(NOT_INSTALLED);
if (flags.has('kernel-update') && args[0] === '--status') fail(KERNEL);

const [cmd] = args;
if (cmd === '--status') {
  say16('Default Distribution: Ubuntu\nDefault Version: 2\n');
} else if (cmd === '--list') {
  const names = Object.keys(state.distros);
  if (!names.length && flags.has('no-distros-message')) {
    fail(
      "Windows Subsystem for Linux has no installed distributions.\nYou can resolve this by installing a distribution with the instructions below:\n\nUse 'wsl.exe --list --online' to list available distributions\nand 'wsl.exe --install <Distro>' to install.\n",
    );
  }
  const rows = [['Ubuntu', { state: 'Stopped', version: 2 }], ...Object.entries(state.distros)];
  say16(
    `  NAME          STATE           VERSION\n${rows.map(([n, d], i) => `${i === 0 ? '*' : ' '} ${n.padEnd(13)} ${d.state.padEnd(15)} ${d.version}`).join('\n')}\n`,
  );
} else if (cmd === '--import') {
  const [, name, dir, tar, , version] = args;
  if (state.distros[name])
    fail(
      'A distribution with the supplied name already exists.\nError code: Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS\n',
    );
  if (!existsSync(tar)) fail(`The system cannot find the file specified.\nError code: Wsl/ERROR_FILE_NOT_FOUND\n`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ext4.vhdx'), 'fake');
  update((s) => (s.distros[name] = { state: 'Stopped', version: flags.has('version1') ? 1 : Number(version) }));
  say16('The operation completed successfully.\n');
} else if (cmd === '--manage') {
  if (flags.has('old-wsl')) fail(`Invalid command line option: --manage\nError code: Wsl/E_INVALIDARG\n`);
  const d = state.distros[args[1]];
  if (!d) fail('There is no distribution with the supplied name.\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\n');
  if (args[2] === '--set-sparse') update((s) => (s.distros[args[1]].sparse = args[3] === 'true'));
  say16('The operation completed successfully.\n');
} else if (cmd === '--terminate') {
  const d = state.distros[args[1]];
  if (!d) fail('There is no distribution with the supplied name.\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\n');
  for (const pid of [d.enginePid, d.keepAlivePid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  update((s) => (s.distros[args[1]].state = 'Stopped'));
  say16('The operation completed successfully.\n');
} else if (cmd === '-d') {
  const name = args[1];
  const d = state.distros[name];
  if (!d) fail('There is no distribution with the supplied name.\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\n');
  if (flags.has('virtualization-off')) fail(NO_VIRT);
  const command = args.slice(args.indexOf('-e') + 1);
  d.state = 'Running';
  if (command[0] === '/usr/local/bin/berth-engine' && command[1] !== '--watch') {
    const port = /--port=(\d+)/.exec(command.join(' '))[1];
    if (flags.has('engine-crashes')) {
      process.stderr.write('failed to start daemon: error initializing graphdriver: driver not supported\n');
      process.exit(1);
    }
    process.stdout.write(`berth-engine: starting dockerd on 127.0.0.1:${port}\n`);
    const engine = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'fake-engine.mjs'), port], {
      stdio: 'inherit',
    });
    update((s) => Object.assign(s.distros[name], { state: 'Running', enginePid: engine.pid }));
    process.on('SIGTERM', () => engine.kill('SIGTERM'));
    engine.on('exit', (code) => process.exit(code ?? 0));
  } else if (command[0] === '/usr/local/bin/berth-engine' && command[1] === '--watch') {
    // Ends when the engine does (the real launcher waits for dockerd's pid).
    setInterval(() => {
      const now = JSON.parse(readFileSync(stateFile, 'utf8')).distros.berth;
      if (!isAlive(now?.enginePid)) process.exit(0);
    }, 100);
  } else if (command.join(' ').includes('berth-data-ready')) {
    update((s) => Object.assign(s.distros[name], { state: 'Running', keepAlivePid: process.pid }));
    process.stdout.write('berth-data-ready\n');
    setInterval(() => undefined, 1 << 30);
  } else if (command[0] === '/bin/sh' && command[1] === '-c' && command[2].includes('berth_cgroup_dump')) {
    // The stats dump (shell-stats.ts), run here over the fake guest's files (FAKE_GUEST_ROOT).
    const r = spawnSync(command[0], command.slice(1), {
      env: { ...process.env, BERTH_CGROUP_ROOT: process.env.FAKE_GUEST_ROOT ?? '/nonexistent' },
      stdio: 'inherit',
    });
    process.exit(r.status ?? 1);
  } else if (command.join(' ').includes('docker.pid')) {
    const engine = state.distros.berth?.enginePid;
    if (engine && isAlive(engine)) process.kill(engine, 'SIGTERM');
  } else {
    process.stderr.write(`fake wsl: unknown command ${command.join(' ')}\n`);
    process.exit(127);
  }
} else {
  fail(`Invalid command line argument: ${cmd}\nPlease use 'wsl.exe --help' to get a list of supported arguments.\n`);
}
