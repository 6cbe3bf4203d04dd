#!/usr/bin/env node
// A fake `limactl` for tests (macOS and Lima are absent here). It prints output in the shape real
// limactl 1.0.x prints (logrus lines on stderr, NDJSON for `list --json` / `disk list --json`), keeps
// its state in $LIMA_HOME/_fake/state.json, and on `start` runs fake-engine.mjs on the hostSocket of
// the instance's lima.yaml, as Lima's socket forwarding would. FAKE_LIMA (comma-separated) picks
// failures: version=X, download-fails, stop-hangs, start-slow.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../../../../harness/cleanup.mjs';

const home = process.env.LIMA_HOME;
if (!home) {
  process.stderr.write('time="2025-01-10T10:00:00Z" level=fatal msg="LIMA_HOME is not set (fake)"\n');
  process.exit(1);
}
const flags = new Set((process.env.FAKE_LIMA ?? '').split(',').filter(Boolean));
const flag = (name) => [...flags].find((f) => f === name || f.startsWith(`${name}=`))?.split('=')[1] ?? flags.has(name);
const fake = join(home, '_fake');
mkdirSync(fake, { recursive: true });
const stateFile = join(fake, 'state.json');
const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { instances: {}, disks: {} };
const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));
const args = process.argv.slice(2);
appendFileSync(join(fake, 'calls.log'), `${args.join(' ')}\n`);

const t = () => new Date().toISOString();
const log = (level, msg, extra = '') =>
  process.stderr.write(`time="${t()}" level=${level} msg="${msg.replace(/"/g, '\\"')}"${extra ? ` ${extra}` : ''}\n`);
const fatal = (msg) => {
  log('fatal', msg);
  process.exit(1);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const GiB = 1024 ** 3;
const positional = args.filter((a) => !a.startsWith('-'));

function yamlValue(text, key) {
  const m = new RegExp(`^\\s*(?:- )?${key}:\\s*'?([^'#\\n]*?)'?\\s*(?:#.*)?$`, 'm').exec(text);
  return m?.[1];
}

function listEntry(name, inst) {
  return {
    name,
    hostname: `lima-${name}`,
    status: inst.status,
    dir: join(home, name),
    vmType: inst.vmType,
    arch: 'aarch64',
    cpuType: '',
    cpus: inst.cpus,
    memory: inst.memory,
    disk: 20 * GiB,
    sshLocalPort: inst.status === 'Running' ? 60022 : 0,
    hostAgentPID: inst.status === 'Running' ? inst.enginePid : 0,
    driverPID: inst.status === 'Running' ? inst.enginePid : 0,
    ...(inst.errors ? { errors: inst.errors } : {}),
    config: {},
    limaVersion: '1.0.3',
    HostOS: 'darwin',
    HostArch: 'aarch64',
    LimaHome: home,
  };
}

async function main() {
  if (args[0] === '--version') {
    process.stdout.write(`limactl version ${flag('version') || '1.0.3'}\n`);
    return;
  }
  const [cmd, sub] = positional;
  if (cmd === 'list') {
    for (const inst of Object.values(state.instances))
      if (inst.status === 'Running' && !isAlive(inst.enginePid)) inst.status = 'Stopped';
    const names = Object.keys(state.instances);
    if (!names.length) log('warning', 'No instance found. Run `limactl create` to create an instance.');
    for (const n of names) process.stdout.write(`${JSON.stringify(listEntry(n, state.instances[n]))}\n`);
    return;
  }
  if (cmd === 'disk') {
    const name = positional[2];
    if (sub === 'list') {
      for (const [n, d] of Object.entries(state.disks))
        process.stdout.write(
          `${JSON.stringify({ name: n, size: d.size, format: 'raw', dir: join(home, '_disks', n), instance: d.instance ?? '', instanceDir: '', mountPoint: `/mnt/lima-${n}` })}\n`,
        );
      return;
    }
    const size = Number(/--size=(\d+)GiB/.exec(args.join(' '))?.[1] ?? 0) * GiB;
    if (sub === 'create') {
      if (state.disks[name]) fatal(`disk "${name}" already exists (${join(home, '_disks', name)})`);
      state.disks[name] = { size };
      mkdirSync(join(home, '_disks', name), { recursive: true });
      writeFileSync(join(home, '_disks', name, 'datadisk'), Buffer.alloc(8192, 1)); // a little real data
      truncateSync(join(home, '_disks', name, 'datadisk'), size); // the rest sparse, as Lima's raw disks
      log('info', `Creating raw disk "${name}" with size ${size / GiB}GiB`);
    } else if (sub === 'resize') {
      if (state.disks[name].instance)
        fatal(`cannot resize disk "${name}": it is in use by instance "${state.disks[name].instance}"`);
      state.disks[name].size = size;
      log('info', `Resized disk "${name}" to ${size / GiB}GiB`);
    } else if (sub === 'unlock') {
      state.disks[name].instance = '';
      log('info', `Unlocked disk "${name}"`);
    }
    save();
    return;
  }
  const name =
    cmd === 'create'
      ? /--name=(\S+)/.exec(args.join(' '))?.[1]
      : cmd === 'shell' && args.includes('--workdir')
        ? args[args.indexOf('--workdir') + 2]
        : positional[1];
  if (cmd === 'create') {
    if (state.instances[name]) fatal(`instance "${name}" already exists (${join(home, name)})`);
    const file = positional[1];
    const text = readFileSync(file, 'utf8');
    mkdirSync(join(home, name), { recursive: true });
    cpSync(file, join(home, name, 'lima.yaml'));
    log('info', 'Terminal is not available, proceeding without opening an editor');
    state.instances[name] = {
      status: 'Stopped',
      vmType: yamlValue(text, 'vmType'),
      cpus: Number(yamlValue(text, 'cpus')),
      memory: Number(/(\d+)GiB/.exec(yamlValue(text, 'memory'))?.[1]) * GiB,
    };
    save();
    log('info', `Run \`limactl start ${name}\` to start the instance.`);
    return;
  }
  const inst = state.instances[name];
  if (!inst) fatal(`instance "${name}" does not exist, run \`limactl create --name=${name}\` to create a new instance`);
  if (cmd === 'start') {
    if (inst.status === 'Broken') fatal(`instance "${name}" is broken: ${inst.errors?.join('; ')}`);
    const text = readFileSync(join(home, name, 'lima.yaml'), 'utf8');
    inst.vmType = yamlValue(text, 'vmType');
    inst.cpus = Number(yamlValue(text, 'cpus'));
    inst.memory = Number(/(\d+)GiB/.exec(yamlValue(text, 'memory'))?.[1]) * GiB;
    const socket = yamlValue(text, 'hostSocket');
    const disk = yamlValue(text, 'name');
    log('info', `Using the existing instance "${name}"`);
    log('info', `Starting the instance "${name}" with VM driver "${inst.vmType}"`);
    const url = 'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-arm64.qcow2';
    if (!inst.booted) log('info', 'Attempting to download the image', `arch=aarch64 digest= location="${url}"`);
    if (flag('download-fails'))
      fatal(
        `failed to download the image, attempted 2 candidates, errors=[failed to download "${url}": Get "${url}": dial tcp: lookup cloud.debian.org: no such host]`,
      );
    if (state.disks[disk]?.instance && state.disks[disk].instance !== name)
      fatal(`failed to run attach disk "${disk}", in use by instance "${state.disks[disk].instance}"`);
    log('info', `[hostagent] hostagent socket created at ${join(home, name, 'ha.sock')}`);
    log(
      'info',
      `[hostagent] Starting ${inst.vmType === 'vz' ? 'VZ' : 'QEMU'} (hint: to watch the boot progress, see "${join(home, name, 'serial*.log')}")`,
    );
    log('info', 'SSH Local Port: 60022');
    log('info', '[hostagent] Waiting for the essential requirement 1 of 2: "ssh"');
    if (flag('start-slow')) await sleep(Number(flag('start-slow')) || 3000);
    log('info', '[hostagent] The essential requirement 1 of 2 is satisfied');
    log('info', '[hostagent] Waiting for the essential requirement 2 of 2: "user session is ready for ssh"');
    log('info', '[hostagent] The essential requirement 2 of 2 is satisfied');
    const engine = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'fake-engine.mjs'), socket], {
      detached: true,
      stdio: 'ignore',
    });
    engine.unref();
    log('info', `[hostagent] Forwarding "/var/run/docker.sock" (guest) to "${socket}" (host)`);
    log('info', '[hostagent] Waiting for the final requirement 1 of 1: "boot scripts must have finished"');
    log('info', '[hostagent] The final requirement 1 of 1 is satisfied');
    Object.assign(inst, { status: 'Running', enginePid: engine.pid, booted: true });
    if (state.disks[disk]) state.disks[disk].instance = name;
    save();
    log('info', `READY. Run \`limactl shell ${name}\` to open the shell.`);
    return;
  }
  if (cmd === 'shell') {
    if (inst.status !== 'Running')
      fatal(`instance "${name}" is stopped, run \`limactl start ${name}\` to start the instance`);
    const words = args.slice(args.indexOf(name) + 1);
    if (words[0] === 'sudo' && words[1] === 'fstrim') {
      process.stdout.write(`${words.at(-1)}: 1.2 GiB (1288490188 bytes) trimmed\n`);
      return;
    }
    if (words[0] === '/bin/sh' && words[1] === '-c') {
      // The stats dump (shell-stats.ts), run here over the fake guest's files (FAKE_GUEST_ROOT).
      const r = spawnSync(words[0], words.slice(1), {
        env: { ...process.env, BERTH_CGROUP_ROOT: process.env.FAKE_GUEST_ROOT ?? '/nonexistent' },
        stdio: 'inherit',
      });
      process.exit(r.status ?? 1);
    }
    fatal(`the fake limactl shell runs only fstrim and the stats dump, not ${words.join(' ')}`);
  }
  if (cmd === 'stop') {
    const force = args.includes('--force') || args.includes('-f');
    if (flag('stop-hangs') && !force) fatal('did not receive an event with the "exiting" status');
    if (inst.status === 'Running') {
      log('info', 'Sending SIGINT to hostagent process');
      log('info', 'Waiting for the host agent and the driver processes to shut down');
      if (inst.enginePid && isAlive(inst.enginePid)) process.kill(inst.enginePid, 'SIGTERM');
      await sleep(100);
    } else if (!force) log('warning', `The instance "${name}" is not running`);
    inst.status = 'Stopped';
    for (const d of Object.values(state.disks)) if (d.instance === name && !force) d.instance = '';
    save();
    return;
  }
  if (cmd === 'delete') {
    if (inst.status === 'Running' && !args.includes('--force')) fatal(`expected status "Stopped", got "Running"`);
    if (inst.enginePid && isAlive(inst.enginePid)) process.kill(inst.enginePid, 'SIGKILL');
    delete state.instances[name];
    rmSync(join(home, name), { recursive: true, force: true });
    save();
    log('info', `Deleted "${name}" (${join(home, name)})`);
    return;
  }
  fatal(`unknown command "${cmd}" (fake limactl)`);
}

await main();
