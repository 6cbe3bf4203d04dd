import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineStepError } from '../step-error';
import {
  buildImageCommand,
  describeImage,
  findVmImage,
  imageSourceHash,
  parseImageInfo,
  shellWord,
  staleImageNotice,
} from './image';

const repoScripts = fileURLToPath(new URL('../../../../resources/vm/linux', import.meta.url));
const info = (source: string) =>
  JSON.stringify({
    format: 1,
    guest: 2,
    debian: 'bookworm',
    kernel: '6.1.0-56-amd64',
    source,
    built: '2026-01-02T03:04:05Z',
  });

let tmp = '';
const temp = () => (tmp = mkdtempSync(join(tmpdir(), 'berth-vm-image-test-')));
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = '';
});

/** A scripts dir with the sources, and an image dir with the given files. */
function fixture(files: string[], source?: string): { scripts: string; dir: string } {
  const root = temp();
  const scripts = join(root, 'linux');
  const dir = join(root, 'linux', 'image');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(scripts, 'build-image.sh'), '#!/bin/bash\n');
  writeFileSync(join(scripts, 'init'), '#!/bin/busybox sh\n');
  writeFileSync(join(scripts, 'berth-guest-init'), '#!/bin/sh\n');
  writeFileSync(join(scripts, 'berth-guest-control'), '#!/bin/bash\n');
  writeFileSync(join(scripts, 'berth-cgroup-dump'), '# shellcheck shell=sh\n');
  for (const f of files) writeFileSync(join(dir, f), f === 'berth-image.json' ? info(source ?? 'x') : 'x');
  return { scripts, dir };
}

describe("the isolated Linux VM's image", () => {
  it('hashes the scripts as build-image.sh does (cat build-image.sh init berth-guest-init … | sha256sum)', () => {
    const cat = 'cat build-image.sh init berth-guest-init berth-guest-control berth-cgroup-dump | sha256sum';
    const shell = execFileSync('sh', ['-c', cat], {
      cwd: repoScripts,
      encoding: 'utf8',
    }).split(' ')[0];
    expect(imageSourceHash(repoScripts)).toBe(shell);
    expect(imageSourceHash(join(repoScripts, 'nowhere'))).toBeUndefined();
  });

  it('reads berth-image.json, and nothing that is not one', () => {
    expect(parseImageInfo(info('abc'))).toEqual({
      debian: 'bookworm',
      kernel: '6.1.0-56-amd64',
      source: 'abc',
      built: '2026-01-02T03:04:05Z',
      guest: 2,
    });
    // Images from before the guest protocol had a number speak version 1.
    expect(parseImageInfo('{"format":1,"debian":"b","kernel":"k","source":"s","built":"t"}')?.guest).toBe(1);
    expect(parseImageInfo('{"format":2,"debian":"b","kernel":"k","source":"s","built":"t"}')).toBeUndefined();
    expect(parseImageInfo('{"format":1,"debian":"b"}')).toBeUndefined();
    expect(parseImageInfo('not json')).toBeUndefined();
  });

  it('quotes paths for the shell only when they need it', () => {
    expect(shellWord('/opt/Berth/resources/vm/linux/image')).toBe('/opt/Berth/resources/vm/linux/image');
    expect(shellWord('/home/a b/it’s')).toBe(`'/home/a b/it’s'`);
    expect(shellWord("/x/it's")).toBe(`'/x/it'\\''s'`);
  });

  it('finds the three files and what built them', () => {
    const { scripts, dir } = fixture(['vmlinuz', 'initramfs.cpio', 'root.img', 'berth-image.json'], 'abc');
    const image = findVmImage(dir, scripts);
    expect(image).toEqual({
      dir,
      kernel: join(dir, 'vmlinuz'),
      initramfs: join(dir, 'initramfs.cpio'),
      root: join(dir, 'root.img'),
      info: { debian: 'bookworm', kernel: '6.1.0-56-amd64', source: 'abc', built: '2026-01-02T03:04:05Z', guest: 2 },
    });
    expect(describeImage(image)).toBe(
      `image ${dir}: Debian bookworm, kernel 6.1.0-56-amd64, built 2026-01-02T03:04:05Z`,
    );
  });

  it('fails without an image with the sentence and the exact command that builds it', () => {
    const { scripts, dir } = fixture([]);
    let err: unknown;
    try {
      findVmImage(dir, scripts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineStepError);
    const e = err as EngineStepError;
    expect(e.kind).toBe('unavailable');
    expect(e.reason).toBe(
      `Berth's isolated VM has no image to boot: ${dir} has no vmlinuz, initramfs.cpio or root.img.`,
    );
    expect(e.fix).toBe(
      `Build it from Debian packages with \`sudo bash ${scripts}/build-image.sh ${dir}\` (as root, with mmdebstrap and network access; about a minute), then start the engine again.`,
    );
  });

  it('names the one file missing, and a package without the script points at a checkout', () => {
    const { scripts, dir } = fixture(['vmlinuz', 'initramfs.cpio']);
    rmSync(join(scripts, 'build-image.sh'));
    expect(() => findVmImage(dir, scripts)).toThrow(
      `has no root.img. Build it from Debian packages with \`sudo bash resources/vm/linux/build-image.sh ${dir}\` in a checkout of Berth (`,
    );
    expect(buildImageCommand('/a b', '/c')).toBe('sudo bash resources/vm/linux/build-image.sh /c');
  });

  it('says when the image was built from other scripts than the checkout has now', () => {
    const { scripts, dir } = fixture(['vmlinuz', 'initramfs.cpio', 'root.img', 'berth-image.json'], 'old');
    expect(staleImageNotice(findVmImage(dir, scripts), scripts)).toBe(
      `Berth's VM image in ${dir} was built from older VM scripts than ${scripts} has now; it boots, but rebuild it with \`sudo bash ${scripts}/build-image.sh ${dir}\` to use the new ones.`,
    );
    writeFileSync(join(dir, 'berth-image.json'), info(imageSourceHash(scripts)!));
    expect(staleImageNotice(findVmImage(dir, scripts), scripts)).toBeUndefined();
    // No scripts beside a packaged image, or no berth-image.json: nothing to compare, nothing said.
    rmSync(join(scripts, 'init'));
    expect(staleImageNotice(findVmImage(dir, scripts), scripts)).toBeUndefined();
  });
});
