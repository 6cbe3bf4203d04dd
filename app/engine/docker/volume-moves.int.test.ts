// Volume moves against the real engine: a 200 MB volume exported as .tar.gz with this process's
// memory bounded, imported into a new volume and compared file by file, cloned, emptied only when
// confirmed, and files uploaded into a folder; bad archives, names and folders refused with sentences.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { statContainerPath, uploadToContainer } from './container-files';
import { writeTar } from './container-files-tar';
import { HELPER_LABEL } from './volume-files';
import {
  checkedArchive,
  cloneVolume,
  emptyVolume,
  importVolumeArchive,
  looksLikeArchive,
  openVolumeExport,
  uploadToVolume,
} from './volume-moves';

let client: EngineClient;
const tmp = mkdtempSync(join(tmpdir(), 'berth-volmoves-'));
const big = uniqueName('berth-vol-big');
const copy = uniqueName('berth-vol-imported');
const clone = uniqueName('berth-vol-clone');
const small = uniqueName('berth-vol-small');
const volumes = [big, copy, clone, small];
const never = () => new AbortController().signal;
const helpers = async () =>
  (await testEngine().docker(['ps', '-aq', '--filter', `label=${HELPER_LABEL}`])).stdout.split('\n').filter(Boolean);

/** Every file in a volume with its size, mode, owner and md5, as busybox sees them. */
async function manifest(volume: string): Promise<string> {
  const r = await testEngine().docker([
    'run',
    '--rm',
    '-v',
    `${volume}:/v:ro`,
    fixtures().busybox,
    'sh',
    '-c',
    'cd /v && find . -mindepth 1 | sort | while read f; do if [ -f "$f" ]; then echo "$f $(stat -c "%s %a %u:%g" "$f") $(md5sum < "$f")"; else echo "$f $(stat -c "%F %a %u:%g" "$f")"; fi; done',
  ]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

async function fill(volume: string, script: string): Promise<void> {
  const r = await testEngine().docker(['run', '--rm', '-v', `${volume}:/v`, fixtures().busybox, 'sh', '-c', script]);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  await testEngine().docker(['volume', 'create', big]);
  await fill(
    big,
    [
      'head -c 200000000 /dev/urandom > /v/random.bin',
      'mkdir -p /v/etc/deep/er && echo hello > /v/etc/deep/er/hello.txt',
      'echo secret > /v/.hidden && chmod 600 /v/.hidden && chown 1234:5678 /v/.hidden',
      'ln -s etc/deep /v/link',
    ].join(' && '),
  );
}, 120_000);

afterAll(async () => {
  await testEngine().docker(['volume', 'rm', '-f', ...volumes]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('export, import and clone', () => {
  const file = join(tmp, 'big.tar.gz');

  it('exports a 200 MB volume as a .tar.gz while this process grows by less than 48 MB', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const source = await openVolumeExport(client, big, never());
      expect(source.name).toBe(`${big}.tar.gz`);
      await pipeline(source.bytes, createWriteStream(file));
    } finally {
      clearInterval(sampler);
    }
    const grew = peak - before;
    console.log(`export of 200 MB: ${statSync(file).size} bytes written, RSS grew by ${(grew / 1e6).toFixed(1)} MB`);
    expect(grew).toBeLessThan(48 * 1024 * 1024);
    // random data does not shrink: the archive holds all of it
    expect(statSync(file).size).toBeGreaterThan(200_000_000);
  }, 180_000);

  it('stops an export when its reader stops: the helper container goes', async () => {
    const ctl = new AbortController();
    const source = await openVolumeExport(client, big, ctl.signal);
    let got = 0;
    for await (const chunk of source.bytes as AsyncIterable<Buffer>) {
      got += chunk.length;
      if (got > 1_000_000) break;
    }
    ctl.abort();
    await expect.poll(helpers, { timeout: 10_000 }).toEqual([]);
  });

  it('uploads a 200 MB local file into a container streamed: this process grows by less than 48 MB', async () => {
    const box = uniqueName('upload-box');
    await testEngine().docker(['create', '--name', box, fixtures().busybox, 'true']);
    try {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      try {
        const r = await uploadToContainer(client, box, '/tmp', { name: 'big.tar.gz', localPath: file });
        expect(r).toEqual({ path: '/tmp/big.tar.gz', size: statSync(file).size });
      } finally {
        clearInterval(sampler);
      }
      console.log(`upload of ${statSync(file).size} bytes: RSS grew by ${((peak - before) / 1e6).toFixed(1)} MB`);
      expect(peak - before).toBeLessThan(48 * 1024 * 1024);
      expect((await statContainerPath(client, box, '/tmp/big.tar.gz')).size).toBe(statSync(file).size);
    } finally {
      await testEngine().docker(['rm', '-f', box]);
    }
  }, 120_000);

  it('imports the export into a new volume: every file, mode, owner and link as it was', async () => {
    const r = await importVolumeArchive(client, copy, createReadStream(file), never());
    expect(r).toEqual({ name: copy, created: true });
    expect(await manifest(copy)).toBe(await manifest(big));
  }, 180_000);

  it('refuses to import into a volume that holds files, and refuses what is not an archive', async () => {
    await expect(importVolumeArchive(client, copy, createReadStream(file), never())).rejects.toMatchObject({
      kind: 'conflict',
      field: 'name',
      message: expect.stringContaining('already holds files'),
    });
    const fresh = uniqueName('berth-vol-never');
    await expect(
      importVolumeArchive(client, fresh, Readable.from([Buffer.from('just some text, not a tar')]), never()),
    ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('not a tar archive') });
    // nothing was created for the refused import
    expect((await testEngine().docker(['volume', 'inspect', fresh])).code).not.toBe(0);
    await expect(importVolumeArchive(client, 'bad name!', Readable.from([]), never())).rejects.toMatchObject({
      kind: 'invalid',
      field: 'name',
    });
  });

  it('clones a volume under a new name, and refuses a name that is taken', async () => {
    const r = await cloneVolume(client, big, clone);
    expect(r.name).toBe(clone);
    expect(r.bytes).toBeGreaterThan(200_000_000);
    expect(await manifest(clone)).toBe(await manifest(big));
    await expect(cloneVolume(client, big, copy)).rejects.toMatchObject({ kind: 'conflict', field: 'target' });
    await expect(cloneVolume(client, uniqueName('missing'), uniqueName('x'))).rejects.toMatchObject({
      kind: 'not-found',
    });
  }, 180_000);
});

describe('empty and upload', () => {
  beforeAll(async () => {
    await testEngine().docker(['volume', 'create', small]);
    await fill(small, 'mkdir -p /v/a/b && echo 1 > /v/a/b/one && echo 2 > /v/.two && touch /v/three');
  });

  it('empties a volume only when its name is repeated, and not while a running container uses it', async () => {
    await expect(emptyVolume(client, small, { confirm: 'yes' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'confirm',
    });
    expect(await manifest(small)).toContain('./a/b/one');
    const user = uniqueName('vol-user');
    await testEngine().docker(['run', '-d', '--name', user, '-v', `${small}:/v`, fixtures().busybox, 'sleep', '600']);
    try {
      await expect(emptyVolume(client, small, { confirm: small })).rejects.toMatchObject({
        kind: 'conflict',
        message: expect.stringContaining(`"${user}"`),
      });
    } finally {
      await testEngine().docker(['rm', '-f', user]);
    }
    expect(await emptyVolume(client, small, { confirm: small })).toEqual({ name: small });
    expect(await manifest(small)).toBe('');
    expect((await testEngine().docker(['volume', 'inspect', small])).code).toBe(0);
  }, 60_000);

  it('uploads a tar of files and folders into a folder of the volume', async () => {
    await fill(small, 'mkdir -p /v/in');
    const data = Buffer.alloc(300_000, 7);
    const tar = await bytesOf(
      writeTar([
        { entry: { name: 'site', type: 'dir', size: 0, mode: 0o755, mtime: 0 } },
        {
          entry: { name: 'site/index.html', type: 'file', size: 5, mode: 0o644, mtime: 0 },
          body: [Buffer.from('<h1/>')],
        },
        { entry: { name: 'blob.bin', type: 'file', size: data.length, mode: 0o600, mtime: 0 }, body: [data] },
      ]),
    );
    const r = await uploadToVolume(client, small, '/in', { body: Readable.from([tar]), size: tar.length }, never());
    expect(r).toEqual({ dir: '/in', bytes: tar.length });
    const m = await manifest(small);
    expect(m).toContain(`./in/blob.bin 300000 600 0:0 ${createHash('md5').update(data).digest('hex')}`);
    expect(m).toContain('./in/site/index.html 5 644');
    // ".." cannot climb out of the volume: it lands at the volume's root
    await uploadToVolume(client, small, '/../..', { body: Readable.from([tar]), size: tar.length }, never());
    expect(await manifest(small)).toContain('./blob.bin 300000');
  });

  it('refuses a missing folder, an upload that is not an archive, and one shorter than announced', async () => {
    const tar = await bytesOf(
      writeTar([{ entry: { name: 'x', type: 'file', size: 1, mode: 0o644, mtime: 0 }, body: [Buffer.from('x')] }]),
    );
    await expect(
      uploadToVolume(client, small, '/nope', { body: Readable.from([tar]), size: tar.length }, never()),
    ).rejects.toMatchObject({ kind: 'not-found', field: 'dir' });
    const text = Buffer.alloc(2048, 65);
    await expect(
      uploadToVolume(client, small, '/', { body: Readable.from([text]), size: text.length }, never()),
    ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('not a tar archive') });
    await expect(
      uploadToVolume(client, small, '/', { body: Readable.from([tar]), size: tar.length + 10 }, never()),
    ).rejects.toThrow(/of the \d+ bytes announced arrived/);
    expect(await manifest(small)).not.toContain('./x ');
  });
});

describe('looksLikeArchive', () => {
  it('knows gzip, bzip2, xz, a tar header and an empty tar; not text', async () => {
    expect(looksLikeArchive(Buffer.from([0x1f, 0x8b, 8]))).toBe(true);
    expect(looksLikeArchive(Buffer.from('BZh91AY'))).toBe(true);
    expect(looksLikeArchive(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0]))).toBe(true);
    expect(looksLikeArchive(Buffer.alloc(1024))).toBe(true);
    const tar = await bytesOf(writeTar([{ entry: { name: 'a', type: 'file', size: 0, mode: 0o644, mtime: 0 } }]));
    expect(looksLikeArchive(tar)).toBe(true);
    expect(looksLikeArchive(Buffer.alloc(600, 65))).toBe(false);
    await expect(checkedArchive(Readable.from([Buffer.from('no')]), 'x')).rejects.toMatchObject({ kind: 'invalid' });
  });
});

async function bytesOf(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
