import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import {
  containerArchive,
  listContainerDir,
  readContainerFile,
  readContainerFileBytes,
  downloadContainerPath,
  statContainerPath,
  uploadToContainer,
} from './container-files';
import { readTar } from './container-files-tar';
import { untouchable } from './test-support/untouchable';

let client: EngineClient;
const running = uniqueName('files-run');
const stopped = uniqueName('files-stopped');
const blob = randomBytes(200_000);

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  const setup =
    'mkdir -p /data/sub/deeper && echo hello > /data/hello.txt && ln -s hello.txt /data/link && ' +
    'seq 1 1000 > /data/sub/numbers && echo deep > /data/sub/deeper/f && chmod 750 /data/sub && ' +
    `mkdir -p /data/${'long-name-'.repeat(12)}x && touch /data/${'long-name-'.repeat(12)}x/${'file-'.repeat(25)}end`;
  const r = await testEngine().docker([
    'run',
    '-d',
    '--name',
    running,
    fixtures().busybox,
    'sh',
    '-c',
    `${setup} && sleep 3600`,
  ]);
  expect(r.code).toBe(0);
  const s = await testEngine().docker(['create', '--name', stopped, fixtures().busybox, 'true']);
  expect(s.code).toBe(0);
  for (let i = 0; i < 50; i++) {
    if ((await testEngine().docker(['exec', running, 'test', '-e', `/data/${'long-name-'.repeat(12)}x`])).code === 0)
      break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(async () => {
  await testEngine().docker(['rm', '-f', running, stopped]);
});

describe('files in a container', () => {
  it('lists a folder with types, sizes, modes and link targets', async () => {
    const listing = await listContainerDir(client, running, '/data');
    expect(listing.truncated).toBe(false);
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual([`${'long-name-'.repeat(12)}x`, 'hello.txt', 'link', 'sub'].sort());
    expect(byName['hello.txt']).toMatchObject({ type: 'file', size: 6 });
    expect(byName['link']).toMatchObject({ type: 'symlink', linkTarget: 'hello.txt' });
    expect(byName['sub']).toMatchObject({ type: 'dir', mode: 0o750 });
    expect(listing.entries[0]!.type).toBe('dir');
    const sub = await listContainerDir(client, running, '/data/sub/');
    expect(sub.entries.map((e) => e.name)).toEqual(['deeper', 'numbers']);
    const long = await listContainerDir(client, running, `/data/${'long-name-'.repeat(12)}x`);
    expect(long.entries.map((e) => e.name)).toEqual([`${'file-'.repeat(25)}end`]);
  });

  it('lists the root of a stopped container (no shell needed)', async () => {
    const listing = await listContainerDir(client, stopped, '/');
    const names = listing.entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['bin', 'etc', 'www']));
    expect(listing.entries.find((e) => e.name === 'bin')?.type).toBe('dir');
  });

  it('stops reading a huge folder at maxBytes and says so', async () => {
    const listing = await listContainerDir(client, stopped, '/bin', { maxBytes: 10_000 });
    expect(listing.truncated).toBe(true);
  });

  it('stats paths and reports missing ones as not found', async () => {
    expect(await statContainerPath(client, running, '/data/hello.txt')).toMatchObject({
      name: 'hello.txt',
      type: 'file',
      size: 6,
    });
    expect(await statContainerPath(client, running, '/data/sub')).toMatchObject({ type: 'dir', mode: 0o750 });
    expect(await statContainerPath(client, running, '/data/link')).toMatchObject({
      type: 'symlink',
      linkTarget: '/data/hello.txt',
    });
    await expect(statContainerPath(client, running, '/data/nope')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(listContainerDir(client, running, '/data/hello.txt')).rejects.toMatchObject({
      kind: 'invalid',
      field: 'path',
    });
  });

  it('uploads a file and reads the same bytes back, and downloads a folder as tar', async () => {
    const up = await uploadToContainer(client, running, '/data/sub', { name: 'blob.bin', content: blob, mode: 0o600 });
    expect(up).toEqual({ path: '/data/sub/blob.bin', size: blob.length });
    const back = await readContainerFileBytes(client, running, '/data/sub/blob.bin');
    expect(back.equals(blob)).toBe(true);
    const viaCli = await testEngine().docker([
      'exec',
      running,
      'sh',
      '-c',
      'stat -c %a /data/sub/blob.bin; md5sum /data/sub/blob.bin',
    ]);
    const { createHash } = await import('node:crypto');
    expect(viaCli.stdout).toBe(`600\n${createHash('md5').update(blob).digest('hex')}  /data/sub/blob.bin\n`);
    const json = await readContainerFile(client, running, '/data/hello.txt');
    expect(json).toEqual({ path: '/data/hello.txt', size: 6, base64: Buffer.from('hello\n').toString('base64') });

    const names: string[] = [];
    let numbers = '';
    for await (const e of readTar(await containerArchive(client, running, '/data/sub'), (x) =>
      x.name.endsWith('numbers'),
    )) {
      names.push(e.name);
      if (e.data) numbers = e.data.toString();
    }
    expect(names.sort()).toEqual(['sub', 'sub/blob.bin', 'sub/deeper', 'sub/deeper/f', 'sub/numbers']);
    expect(numbers.split('\n').length).toBe(1001);
    const longName = `${'upload-'.repeat(20)}.txt`;
    await uploadToContainer(client, running, '/data', {
      name: longName,
      content: Buffer.from('long').toString('base64'),
    });
    expect((await readContainerFileBytes(client, running, `/data/${longName}`)).toString()).toBe('long');
  });

  it('downloads a folder to a tar file, leaving nothing behind on failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-dl-'));
    try {
      const file = join(dir, 'sub.tar');
      const res = await downloadContainerPath(client, running, '/data/sub', file);
      expect(res.file).toBe(file);
      expect(res.bytes).toBe(statSync(file).size);
      const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
      expect(names).toEqual(expect.arrayContaining(['sub/', 'sub/numbers', 'sub/deeper/f']));
      await expect(
        downloadContainerPath(client, running, '/data/missing', join(dir, 'missing.tar')),
      ).rejects.toMatchObject({ kind: 'not-found' });
      expect(readdirSync(dir)).toEqual(['sub.tar']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad input before the engine', async () => {
    const c = untouchable(client);
    await expect(listContainerDir(c, running, 'relative')).rejects.toMatchObject({ kind: 'invalid', field: 'path' });
    await expect(listContainerDir(c, 'bad name!', '/')).rejects.toMatchObject({ kind: 'invalid', field: 'container' });
    await expect(readContainerFile(c, running, '')).rejects.toMatchObject({ kind: 'invalid', field: 'path' });
    await expect(uploadToContainer(c, running, '/tmp', { name: '../escape', content: '' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'name',
    });
    await expect(uploadToContainer(c, running, 'tmp', { name: 'x', content: '' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'path',
    });
    await expect(uploadToContainer(c, running, '/tmp', { name: 'x', localPath: 'rel/file' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'localPath',
    });
  });
});
