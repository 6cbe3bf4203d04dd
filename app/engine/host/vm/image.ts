// What Berth's isolated Linux VM boots: the files resources/vm/linux/build-image.sh builds from Debian
// packages — Debian's kernel, a small initramfs, and a read-only ext4 root image with docker.io —
// plus berth-image.json, which says from which scripts it was built. Built when Berth is packaged
// (and by the tests), never committed; nothing of the host's own packages goes into the VM.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineStepError } from '../step-error';

export const IMAGE_FILES = {
  kernel: 'vmlinuz',
  initramfs: 'initramfs.cpio',
  root: 'root.img',
  info: 'berth-image.json',
} as const;

/**
 * What the guest in an image does for the host, by version (berth-image.json's `guest`; 1 when
 * absent): 2 = stops on "stop" from the virtio-serial control port and on the ACPI power button, and
 * stops itself when no Berth has held the control port for its orphan grace.
 */
export const GUEST_PROTOCOL = 2;

/**
 * The guest protocol from which the control port also answers "stats SEQ [ID…]" with the containers'
 * cgroup counters (berth-guest-control, berth-cgroup-dump). An older guest boots, but its containers'
 * stats are read through the engine.
 */
export const GUEST_STATS_PROTOCOL = 3;

/** The files an image is made from, in the order build-image.sh hashes them into `source`. */
export const IMAGE_SOURCES = [
  'build-image.sh',
  'init',
  'berth-guest-init',
  'berth-guest-control',
  'berth-cgroup-dump',
] as const;

export interface VmImageInfo {
  /** Debian release, e.g. "bookworm". */
  debian: string;
  /** The kernel's version, e.g. "6.1.0-56-amd64". */
  kernel: string;
  /** sha256 of IMAGE_SOURCES as they were when the image was built. */
  source: string;
  /** ISO time of the build. */
  built: string;
  /** The guest protocol (GUEST_PROTOCOL) its init speaks. */
  guest: number;
}

export interface VmImage {
  dir: string;
  kernel: string;
  initramfs: string;
  root: string;
  info?: VmImageInfo;
}

/** sha256 of the scripts in `scriptsDir` (as build-image.sh computes it); undefined when one is missing. */
export function imageSourceHash(scriptsDir: string): string | undefined {
  const files = IMAGE_SOURCES.map((f) => join(scriptsDir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex');
}

/** berth-image.json, or undefined when it is not one. */
export function parseImageInfo(text: string): VmImageInfo | undefined {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const str = (k: string) => (typeof j[k] === 'string' ? (j[k] as string) : undefined);
    const [debian, kernel, source, built] = [str('debian'), str('kernel'), str('source'), str('built')];
    if (j.format !== 1 || !debian || !kernel || !source || !built) return undefined;
    const guest = typeof j.guest === 'number' && Number.isInteger(j.guest) ? j.guest : 1;
    return { debian, kernel, source, built, guest };
  } catch {
    return undefined;
  }
}

/** A path as one shell word. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that builds the image into `dir` (the script in `scriptsDir` when it is there). */
export function buildImageCommand(scriptsDir: string, dir: string): string {
  const script = join(scriptsDir, 'build-image.sh');
  const where = existsSync(script) ? shellWord(script) : 'resources/vm/linux/build-image.sh';
  return `sudo bash ${where} ${shellWord(dir)}`;
}

/** The image in `dir`; a step error saying what is missing and the command that builds it, if not there. */
export function findVmImage(dir: string, scriptsDir: string): VmImage {
  const image = {
    dir,
    kernel: join(dir, IMAGE_FILES.kernel),
    initramfs: join(dir, IMAGE_FILES.initramfs),
    root: join(dir, IMAGE_FILES.root),
  };
  const missing = [IMAGE_FILES.kernel, IMAGE_FILES.initramfs, IMAGE_FILES.root].filter(
    (f) => !existsSync(join(dir, f)),
  );
  if (missing.length > 0) {
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}` : missing[0];
    const inCheckout = existsSync(join(scriptsDir, 'build-image.sh'));
    throw new EngineStepError(
      'unavailable',
      `Berth's isolated VM has no image to boot: ${dir} has no ${list}.`,
      `Build it from Debian packages with \`${buildImageCommand(scriptsDir, dir)}\`${inCheckout ? '' : ' in a checkout of Berth'} (as root, with mmdebstrap and network access; about a minute), then start the engine again.`,
    );
  }
  const infoFile = join(dir, IMAGE_FILES.info);
  const info = existsSync(infoFile) ? parseImageInfo(readFileSync(infoFile, 'utf8')) : undefined;
  return { ...image, ...(info ? { info } : {}) };
}

/** A notice when the image was built from other scripts than `scriptsDir` has now (a checkout that moved on). */
export function staleImageNotice(image: VmImage, scriptsDir: string): string | undefined {
  const now = imageSourceHash(scriptsDir);
  if (!now || !image.info || image.info.source === now) return undefined;
  return `Berth's VM image in ${image.dir} was built from older VM scripts than ${scriptsDir} has now; it boots, but rebuild it with \`${buildImageCommand(scriptsDir, image.dir)}\` to use the new ones.`;
}

/** One line for the VM log: what boots. */
export function describeImage(image: VmImage): string {
  const i = image.info;
  return i
    ? `image ${image.dir}: Debian ${i.debian}, kernel ${i.kernel}, built ${i.built}`
    : `image ${image.dir} (no ${IMAGE_FILES.info})`;
}
