// Berth's VM image for the tests (and the bench) that boot the isolated Linux VM: built once per
// machine and version of the VM scripts into a cache dir under /tmp keyed by their hash, under a lock
// (flock), so test files running side by side build it once and later runs reuse it.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBinary } from '../app/engine/host/binaries';
import { findVmImage, imageSourceHash } from '../app/engine/host/vm/image';
import { reapedTempDir } from './reaped-dir';

export const VM_SCRIPTS_DIR = fileURLToPath(new URL('../resources/vm/linux', import.meta.url));

/** Where the image built from the current scripts lives. */
export function vmImageCacheDir(): string {
  const hash = imageSourceHash(VM_SCRIPTS_DIR);
  if (!hash) throw new Error(`The VM scripts are missing from ${VM_SCRIPTS_DIR}.`);
  return join(tmpdir(), `berth-vm-image-${hash.slice(0, 16)}`);
}

function built(dir: string): boolean {
  try {
    return findVmImage(dir, VM_SCRIPTS_DIR).info?.source === imageSourceHash(VM_SCRIPTS_DIR);
  } catch {
    return false;
  }
}

/** Why the image can be neither found nor built here (a test skips with it), or undefined. */
export function vmImageUnavailable(): string | undefined {
  if (built(vmImageCacheDir())) return undefined;
  if (process.getuid?.() !== 0)
    return `building Berth's VM image needs root: run \`sudo bash ${VM_SCRIPTS_DIR}/build-image.sh ${vmImageCacheDir()}\` once`;
  if (!findBinary('mmdebstrap')) return 'building the VM image needs mmdebstrap: `sudo apt-get install mmdebstrap`';
  return undefined;
}

/** The image's dir, built first when needed (as root; about half a minute with a fast mirror). */
export async function ensureVmImage(log: (line: string) => void = console.log): Promise<string> {
  const dir = vmImageCacheDir();
  if (built(dir)) return dir;
  const script = join(VM_SCRIPTS_DIR, 'build-image.sh');
  const lock = `${dir}.lock`;
  // flock waits while another test file builds; the script then finds the image up to date.
  const [cmd, args] = existsSync('/usr/bin/flock') ? ['flock', [lock, 'bash', script, dir]] : ['bash', [script, dir]];
  const began = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60 * 1000 }, (err, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      if (err)
        reject(new Error(`Building Berth's VM image failed (${err.message.split('\n')[0]}):\n${text.slice(-4000)}`));
      else resolve(text);
    });
  });
  const summary = output
    .split('\n')
    .filter((l) => /^(Built|Berth's VM image| {2}(vmlinuz|initramfs|root))/.test(l))
    .join('\n');
  log(`Berth's VM image in ${dir} (${Math.round((Date.now() - began) / 1000)} s here):\n${summary}`);
  if (!built(dir))
    throw new Error(
      `build-image.sh finished, but ${dir} holds no image built from these scripts:\n${output.slice(-4000)}`,
    );
  return dir;
}

/**
 * A BERTH_HOME for a test that runs Berth with its isolated VM as the engine, with these VM settings;
 * registered with the reaper, so a killed test run leaves no VM (the reaper stops its QEMU).
 */
export function vmBerthHome(
  name: string,
  vm: { cpus: number; memoryGiB: number; diskGiB: number; idleMinutes: number },
): string {
  const home = reapedTempDir(name);
  const config = join(home, 'config');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'engine.json'), JSON.stringify({ version: 1, active: { kind: 'linux-vm' } }));
  writeFileSync(join(config, 'settings.json'), JSON.stringify({ vm }));
  return home;
}

/** A lock file all VM-booting tests share (two emulated boots at once on a small machine time out). */
const VM_SLOT = join(tmpdir(), 'berth-vm-tests.lock');

/**
 * Waits until no other test on this machine boots Berth's VM, and holds that slot until the returned
 * release is called or this process ends (flock(1) in a child whose stdin is this process's pipe).
 */
export async function holdVmSlot(log: (line: string) => void = console.log): Promise<() => void> {
  if (!existsSync('/usr/bin/flock')) return () => undefined;
  const began = Date.now();
  const holder = spawn('flock', [VM_SLOT, 'sh', '-c', 'echo held; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`flock ${VM_SLOT} exited (${code})`)));
  });
  const waited = Date.now() - began;
  if (waited > 1000) log(`waited ${Math.round(waited / 1000)} s for another test's VM to finish`);
  return () => holder.stdin.end();
}
