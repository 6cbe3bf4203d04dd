// Transfers over the real WebSocket transport, against the private engine: downloads from a
// container and a volume (a file's bytes, a folder's tar), uploads into a container within the
// window, images saved and loaded through the page; each refusal a sentence.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import { TRANSFER_CHUNK_BYTES, UPLOAD_WINDOW_CHUNKS, type UploadItem } from '../../../shared/contract';
import { servedClient } from '../test-support/served-client';

const c = servedClient();
const containers: string[] = [];
const volumes: string[] = [];
const images: string[] = [];
const docker = (args: string[], input?: string | Buffer) => testEngine().docker(args, input);

afterAll(async () => {
  if (containers.length) await docker(['rm', '-f', ...containers]);
  for (const v of volumes) await docker(['volume', 'rm', '-f', v]);
  for (const i of images) await docker(['rmi', '-f', i]);
});

async function sleeper(): Promise<string> {
  const name = uniqueName('xfer');
  containers.push(name);
  const r = await docker(['run', '-d', '--name', name, fixtures().busybox, 'sleep', '600']);
  expect(r.code, r.stderr).toBe(0);
  return name;
}

/** Runs `script` in the busybox fixture with volume `vol` at /v (a container removed when done). */
async function fillVolume(vol: string, script: string): Promise<void> {
  const r = await docker(['run', '--rm', '-v', `${vol}:/v`, fixtures().busybox, 'sh', '-c', script]);
  expect(r.code, r.stderr).toBe(0);
}

const helpers = async () =>
  (await docker(['ps', '-aq', '--filter', 'label=berth.helper=volume-files'])).stdout.split('\n').filter(Boolean);

describe('downloads', () => {
  it('streams a container file’s bytes (1 MB, many chunks) and a folder as a tar', async () => {
    const name = await sleeper();
    const data = randomBytes(1024 * 1024 + 17);
    expect((await docker(['exec', '-i', name, 'sh', '-c', 'mkdir -p /d && cat > /d/blob.bin'], data)).code).toBe(0);
    const file = await c.download('containers.download', { id: name, path: '/d/blob.bin' });
    expect(file).toMatchObject({ name: 'blob.bin', size: data.length });
    expect(file.bytes.equals(data)).toBe(true);
    const folder = await c.download('containers.download', { id: name, path: '/d' });
    expect(folder.name).toBe('d.tar');
    expect(folder.bytes.subarray(0, 100).toString()).toMatch(/^d\//);
    expect(folder.bytes.length).toBeGreaterThan(data.length);
  });

  it('ends with the engine’s reason for a path that is not there', async () => {
    const name = await sleeper();
    await expect(c.download('containers.download', { id: name, path: '/no/such/file' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('streams a volume file and removes its helper container, also when the reader stops half-way', async () => {
    const vol = uniqueName('xfer-vol');
    volumes.push(vol);
    await fillVolume(vol, 'dd if=/dev/urandom of=/v/big bs=1M count=8 2>/dev/null && echo hi > /v/small');
    const before = await helpers();
    const small = await c.download('volumes.download', { name: vol, path: '/small' });
    expect(small.bytes.toString()).toBe('hi\n');
    // Stop reading after the first batch: the stream is unsubscribed, the helper goes.
    const s = c.subscribe('volumes.download', { name: vol, path: '/big' }, { ack: false });
    const end = Date.now() + 10_000;
    while (s.batches === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
    expect(s.batches).toBeGreaterThan(0);
    s.close();
    let left = await helpers();
    while (left.length > before.length && Date.now() < end) {
      await new Promise((res) => setTimeout(res, 100));
      left = await helpers();
    }
    expect(left).toEqual(before);
  });
});

async function ready(s: { items: unknown[] }): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(s.items as UploadItem<unknown>[]).some((i) => i.type === 'ready') && Date.now() < end)
    await new Promise((r) => setTimeout(r, 10));
}

describe('uploads', () => {
  it('puts a file of 20 chunks into a container, the bytes as sent', async () => {
    const name = await sleeper();
    const data = randomBytes(TRANSFER_CHUNK_BYTES * 20 + 5);
    const result = await c.upload('containers.upload', { id: name, dir: '/tmp', name: 'up.bin' }, data);
    expect(result).toEqual({ path: '/tmp/up.bin', size: data.length });
    const back = await docker(['exec', name, 'md5sum', '/tmp/up.bin']);
    expect(back.stdout.split(' ')[0]).toBe(createHash('md5').update(data).digest('hex'));
  });

  it(`stops an upload that sends more than ${UPLOAD_WINDOW_CHUNKS} chunks ahead, or fewer bytes than announced`, async () => {
    const name = await sleeper();
    const flood = c.subscribe('containers.upload', { id: name, dir: '/tmp', name: 'flood.bin', size: 100 * 1000 });
    await ready(flood);
    // 100 small chunks in one burst (one write on the socket): more than the window before any is taken.
    const socket = (c.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    const chunk = randomBytes(1000);
    socket.cork();
    for (let i = 0; i < 100; i++) flood.input({ type: 'bytes', data: chunk });
    socket.uncork();
    expect((await flood.ended).error?.message).toMatch(/more than 8 chunks ahead/);

    const short = c.subscribe('containers.upload', { id: name, dir: '/tmp', name: 'short.bin', size: 10 });
    await ready(short);
    short.input({ type: 'bytes', data: Buffer.from('abc') });
    short.input({ type: 'end' });
    expect((await short.ended).error?.message).toMatch(/ended after 3 of the 10 bytes announced/);
    // Nothing half-written in the container, and no spooled bytes left on this machine.
    expect((await docker(['exec', name, 'ls', '/tmp'])).stdout).not.toMatch(/short\.bin|flood\.bin/);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('berth-upload-'))).toEqual([]);
  });
});

describe('images through the page', () => {
  it('exports an image as a docker save tar and loads it back', async () => {
    const ref = `berth-xfer-${uniqueName('i').toLowerCase()}:1`;
    images.push(ref);
    expect((await docker(['tag', fixtures().busybox, ref])).code).toBe(0);
    const tar = await c.download('images.export', { refs: [ref] });
    expect(tar.name).toBe(`${ref.replace(/[^\w.-]+/g, '_')}.tar`);
    expect(tar.bytes.includes(Buffer.from('manifest.json'))).toBe(true);
    expect((await docker(['rmi', ref])).code).toBe(0);
    const loaded = await c.upload<{ images: string[] }>('images.import', {}, tar.bytes);
    expect(loaded.images).toContain(ref);
    expect((await docker(['image', 'inspect', ref])).code).toBe(0);
  });

  it('refuses a tar that is not an image archive with the engine’s reason', async () => {
    await expect(c.upload('images.import', {}, randomBytes(4096))).rejects.toMatchObject({
      message: expect.stringMatching(/Could not load the uploaded images/),
    });
  });
});

describe('volume moves through the page', () => {
  it('exports a volume as .tar.gz, imports it into a new volume, uploads into it, clones and empties it', async () => {
    const vol = uniqueName('xfer-move');
    const copy = uniqueName('xfer-copy');
    const twin = uniqueName('xfer-twin');
    volumes.push(vol, copy, twin);
    await fillVolume(
      vol,
      'mkdir -p /v/a && dd if=/dev/urandom of=/v/a/blob bs=1k count=700 2>/dev/null && echo hi > /v/.dot',
    );
    const sums = async (v: string) =>
      (await docker(['run', '--rm', '-v', `${v}:/v:ro`, fixtures().busybox, 'sh', '-c', 'cd /v && md5sum a/blob .dot']))
        .stdout;

    const gz = await c.download('volumes.export', { name: vol });
    expect(gz.name).toBe(`${vol}.tar.gz`);
    expect([...gz.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const imported = await c.upload<{ name: string; created: boolean }>('volumes.import', { name: copy }, gz.bytes);
    expect(imported).toEqual({ name: copy, created: true });
    expect(await sums(copy)).toBe(await sums(vol));
    await expect(c.upload('volumes.import', { name: copy }, gz.bytes)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('already holds files'),
    });

    // a tar written by the page (here: by the CLI's busybox) unpacked into a folder
    const tar = (await docker(['run', '--rm', fixtures().busybox, 'sh', '-c', 'cd /etc && tar c passwd group'])).stdout;
    const up = await c.upload<{ dir: string; bytes: number }>(
      'volumes.upload',
      { name: copy, dir: '/a' },
      Buffer.from(tar, 'latin1'),
    );
    expect(up.dir).toBe('/a');
    expect((await docker(['run', '--rm', '-v', `${copy}:/v:ro`, fixtures().busybox, 'ls', '/v/a'])).stdout).toBe(
      'blob\ngroup\npasswd\n',
    );

    const task = await c.request<{ id: string }>('volumes.clone', { name: vol, target: twin });
    expect(task.id).toBeTruthy();
    await expect.poll(() => sums(twin), { timeout: 20_000 }).toBe(await sums(vol));

    await expect(c.request('volumes.empty', { name: vol, confirm: 'nope' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'confirm',
    });
    expect(await c.request('volumes.empty', { name: vol, confirm: vol })).toEqual({ name: vol });
    expect((await docker(['run', '--rm', '-v', `${vol}:/v:ro`, fixtures().busybox, 'ls', '-A', '/v'])).stdout).toBe('');
    expect(await helpers()).toEqual([]);
  }, 60_000);

  it('refuses bad names and sizes before the engine', async () => {
    await expect(c.upload('volumes.import', { name: 'no good!' }, Buffer.alloc(10))).rejects.toMatchObject({
      kind: 'invalid',
    });
    const huge = c.subscribe('volumes.upload', { name: 'x1', dir: '/', size: 8 * 1024 * 1024 * 1024 + 1 });
    expect((await huge.ended).error?.message).toMatch(/at most 8 GB/);
  });
});
