// The debug shell's helper image: Debian's busybox-static binary and its applets, imported on the
// engine (like `docker import`) the first time a debug shell opens. Nothing is pulled: the binary
// comes from this machine, so the engine must run the same CPU architecture.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { writeTar, type TarWriteItem } from './container-files-tar';
import { importImage } from './image-archive';

/** The helper image's name; the tag changes when its contents change. */
export const DEBUG_IMAGE = 'berth-debug-shell:busybox-1';
const BUSYBOX_PATHS = ['/bin/busybox', '/usr/bin/busybox', '/usr/local/bin/busybox'];
const ELF_MACHINES: Record<number, string> = { 62: 'amd64', 183: 'arm64', 40: 'arm', 3: '386' };

const run = promisify(execFile);

/** What an ELF file is: whether it asks for a dynamic loader (PT_INTERP), and its CPU architecture. */
export function elfFacts(bytes: Buffer): { static: boolean; arch: string } | undefined {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46 || bytes[4] !== 2 || bytes[5] !== 1) return undefined;
  const machine = bytes.readUInt16LE(0x12);
  const phoff = Number(bytes.readBigUInt64LE(0x20));
  const phentsize = bytes.readUInt16LE(0x36);
  const phnum = bytes.readUInt16LE(0x38);
  let interp = false;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return undefined;
    if (bytes.readUInt32LE(at) === 3) interp = true;
  }
  return { static: !interp, arch: ELF_MACHINES[machine] ?? `elf-${machine}` };
}

function missingBusybox(why: string): BerthError {
  return new BerthError({
    kind: 'unavailable',
    message: `Could not make the debug shell's helper image: ${why} Install busybox-static on this machine (Debian/Ubuntu: sudo apt-get install busybox-static), then try again.`,
  });
}

/** A static busybox on this machine, checked to run on the engine's CPU; its bytes. */
async function hostBusybox(client: EngineClient, path?: string): Promise<{ path: string; bytes: Buffer }> {
  const found = path ?? BUSYBOX_PATHS.find((p) => existsSync(p));
  if (!found) throw missingBusybox('busybox is not installed here.');
  const bytes = readFileSync(found);
  const facts = elfFacts(bytes);
  if (!facts?.static) throw missingBusybox(`${found} is not a statically linked program.`);
  const engine = await dialJson<{ Arch?: string }>(client, { path: '/version' }).catch(() => ({ Arch: undefined }));
  if (engine.Arch && engine.Arch !== facts.arch)
    throw new BerthError({
      kind: 'unavailable',
      message: `Could not make the debug shell's helper image: this machine's busybox is built for ${facts.arch}, but the engine runs on ${engine.Arch}. Load an image named ${DEBUG_IMAGE} with a static busybox at /bin/busybox for ${engine.Arch}, then try again.`,
    });
  return { path: found, bytes };
}

/** A root file system tar: /bin/busybox, a link per applet, /tmp and a passwd file for ps. */
export function debugRootfs(busybox: Buffer, applets: string[]): TarWriteItem[] {
  const now = Math.floor(Date.now() / 1000);
  const items: TarWriteItem[] = [];
  const dir = (name: string, mode = 0o755) => items.push({ entry: { name, type: 'dir', size: 0, mode, mtime: now } });
  const file = (name: string, data: Buffer, mode: number) =>
    items.push({ entry: { name, type: 'file', size: data.length, mode, mtime: now }, body: [data] });
  dir('bin');
  dir('etc');
  dir('tmp', 0o1777);
  file('bin/busybox', busybox, 0o755);
  for (const a of new Set(applets))
    if (/^[a-z0-9_.[-]+$/i.test(a) && a !== 'busybox')
      items.push({
        entry: { name: `bin/${a}`, type: 'symlink', size: 0, mode: 0o777, mtime: now, linkTarget: 'busybox' },
      });
  file('etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n'), 0o644);
  file('etc/group', Buffer.from('root:x:0:\nnogroup:x:65534:\n'), 0o644);
  return items;
}

async function imageExists(client: EngineClient, ref: string): Promise<boolean> {
  return dialJson(client, { path: `/images/${encodeURIComponent(ref)}/json` }).then(
    () => true,
    () => false,
  );
}

/**
 * Makes sure the engine has the debug helper image, importing it from this machine's busybox-static
 * when it is missing. Returns the image's name.
 */
export async function ensureDebugImage(client: EngineClient, opts: { busyboxPath?: string } = {}): Promise<string> {
  if (await imageExists(client, DEBUG_IMAGE)) return DEBUG_IMAGE;
  const busybox = await hostBusybox(client, opts.busyboxPath);
  const applets = (await run(busybox.path, ['--list'], { maxBuffer: 1 << 20 }).catch(() => ({ stdout: '' }))).stdout
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);
  const dir = await mkdtemp(join(tmpdir(), 'berth-debug-image-'));
  try {
    const tar = join(dir, 'rootfs.tar');
    await pipeline(writeTar(debugRootfs(busybox.bytes, applets)), createWriteStream(tar, { mode: 0o600 }));
    await importImage(client, tar, {
      ref: DEBUG_IMAGE,
      changes: ['ENV PATH=/bin', 'CMD ["sh"]', 'LABEL berth.helper=debug-shell'],
      message: 'Berth debug shell helper (busybox-static)',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return DEBUG_IMAGE;
}
