import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { engineApi } from '.';
import { readTar } from './container-files-tar';
import {
  downloadVolumePath,
  saveVolumePath,
  HELPER_LABEL,
  listVolumeDir,
  readVolumeFile,
  removeStaleVolumeHelpers,
  statVolumePath,
} from './volume-files';
import { createVolume, inspectVolume, listVolumes, previewVolumePrune, pruneVolumes, removeVolume } from './volumes';
import { untouchable } from './test-support/untouchable';

let client: EngineClient;
const volume = uniqueName('berth-vol');
const user = uniqueName('vol-user');
const label = uniqueName('berth.vol.test');
const extra: string[] = [];

const helpers = async () =>
  (await testEngine().docker(['ps', '-aq', '--filter', `label=${HELPER_LABEL}`])).stdout.split('\n').filter(Boolean);

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  await testEngine().docker(['rm', '-f', user]);
  await testEngine().docker(['volume', 'rm', '-f', volume, ...extra]);
});

describe('volumes', () => {
  it('creates a volume with labels, lists and inspects it', async () => {
    const v = await createVolume(client, { name: volume, labels: { [label]: 'yes', team: 'berth' } });
    expect(v).toMatchObject({
      name: volume,
      driver: 'local',
      labels: { [label]: 'yes', team: 'berth' },
      inUse: false,
      anonymous: false,
    });
    const listed = (await listVolumes(client)).find((x) => x.name === volume);
    expect(listed).toMatchObject({ name: volume, inUse: false, containers: [] });
    await expect(createVolume(client, { name: volume })).rejects.toMatchObject({ kind: 'conflict', field: 'name' });
    // The facade answers with the contract's row: its fields, not the engine-only scope and anonymous.
    const row = (await engineApi(client).listVolumes()).find((x) => x.name === volume)!;
    expect(Object.keys(row).sort()).toEqual(
      ['containers', 'driver', 'inUse', 'labels', 'mountpoint', 'name', ...(row.created ? ['created'] : [])].sort(),
    );
  });

  it('shows the containers using a volume and refuses to remove it while in use', async () => {
    const setup =
      'mkdir -p /v/docs/inner && echo hi > /v/docs/readme.txt && head -c 5000 /dev/urandom > /v/blob && echo x > /v/docs/inner/y';
    const r = await testEngine().docker([
      'run',
      '--name',
      user,
      '-v',
      `${volume}:/v`,
      fixtures().busybox,
      'sh',
      '-c',
      setup,
    ]);
    expect(r.code).toBe(0);
    const listed = (await listVolumes(client)).find((x) => x.name === volume);
    expect(listed).toMatchObject({ inUse: true, containers: [user] });
    expect((await inspectVolume(client, volume)).containers).toEqual([user]);
    const err = await removeVolume(client, volume).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'conflict' });
    expect((err as Error).message).toBe(
      `Could not remove volume "${volume}": it is used by the container "${user}". Remove it first.`,
    );
    expect((await testEngine().docker(['volume', 'inspect', volume])).code).toBe(0);
  });

  it('browses files in the volume through a helper container that is removed afterwards', async () => {
    const root = await listVolumeDir(client, volume, '/', { helperImage: fixtures().busybox });
    expect(root.path).toBe('/');
    expect(root.entries.map((e) => [e.name, e.type])).toEqual([
      ['docs', 'dir'],
      ['blob', 'file'],
    ]);
    expect(root.entries[1]!.size).toBe(5000);
    const docs = await listVolumeDir(client, volume, '/docs');
    expect(docs.entries.map((e) => e.name)).toEqual(['inner', 'readme.txt']);
    expect(await readVolumeFile(client, volume, '/docs/readme.txt')).toEqual({
      path: '/docs/readme.txt',
      size: 3,
      base64: Buffer.from('hi\n').toString('base64'),
    });
    expect(await statVolumePath(client, volume, '/docs/readme.txt')).toMatchObject({
      path: '/docs/readme.txt',
      type: 'file',
      size: 3,
    });
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const res = await downloadVolumePath(client, volume, '/docs', sink);
    const names: string[] = [];
    for await (const e of readTar(Readable.from([Buffer.concat(chunks)]))) names.push(e.name);
    expect(res.bytes).toBeGreaterThan(1024);
    expect(names.sort()).toEqual(['docs', 'docs/inner', 'docs/inner/y', 'docs/readme.txt']);
    const dl = mkdtempSync(join(tmpdir(), 'berth-vol-dl-'));
    try {
      const saved = await saveVolumePath(client, volume, '/', join(dl, 'all.tar'));
      expect(saved.bytes).toBeGreaterThan(5000);
      const names = execFileSync('tar', ['-tf', saved.file], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
      expect(names).toEqual([
        'berth-volume/',
        'berth-volume/blob',
        'berth-volume/docs/',
        'berth-volume/docs/inner/',
        'berth-volume/docs/inner/y',
        'berth-volume/docs/readme.txt',
      ]);
    } finally {
      rmSync(dl, { recursive: true, force: true });
    }
    await expect(listVolumeDir(client, volume, '/missing')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(listVolumeDir(client, uniqueName('no-such-volume'), '/')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(listVolumeDir(client, volume, '/', { helperImage: 'berth-test/not-here:1' })).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(await helpers()).toEqual([]);
    // a helper left by a crashed Berth is cleaned up once it is old enough
    const leftover = uniqueName('leftover-helper');
    await testEngine().docker([
      'create',
      '--name',
      leftover,
      '--label',
      `${HELPER_LABEL}=volume-files`,
      fixtures().busybox,
      'true',
    ]);
    expect(await removeStaleVolumeHelpers(client, 3600)).toBe(0);
    expect(await removeStaleVolumeHelpers(client, -5)).toBeGreaterThanOrEqual(1);
    expect(await helpers()).toEqual([]);
  });

  it('removes the volume once unused', async () => {
    await testEngine().docker(['rm', '-f', user]);
    await removeVolume(client, volume);
    expect((await testEngine().docker(['volume', 'inspect', volume])).code).not.toBe(0);
    await expect(removeVolume(client, volume)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('previews exactly what a prune removes', async () => {
    const a = uniqueName('berth-prune-a');
    const b = uniqueName('berth-prune-b');
    const kept = uniqueName('berth-prune-kept');
    extra.push(a, b, kept);
    for (const n of [a, b, kept])
      await createVolume(client, { name: n, labels: { [label]: n === kept ? 'no' : 'prune' } });
    const holder = uniqueName('vol-holder');
    await testEngine().docker(['create', '--name', holder, '-v', `${b}:/b`, fixtures().busybox, 'true']);
    try {
      const preview = await previewVolumePrune(client, { all: true, labels: [`${label}=prune`] });
      expect(preview.volumes.map((v) => v.name)).toEqual([a]);
      const res = await pruneVolumes(client, { all: true, labels: [`${label}=prune`] });
      expect(res.deleted).toEqual([a]);
    } finally {
      await testEngine().docker(['rm', '-f', holder]);
    }
    expect((await testEngine().docker(['volume', 'inspect', kept])).code).toBe(0);
  });

  it('refuses bad input before the engine', async () => {
    const c = untouchable(client);
    await expect(createVolume(c, { name: 'x' })).rejects.toMatchObject({ kind: 'invalid', field: 'name' });
    await expect(createVolume(c, { name: '-bad' })).rejects.toMatchObject({ kind: 'invalid', field: 'name' });
    await expect(createVolume(c, { name: 'ok-name', labels: { 'bad key': 'v' } })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'labels',
    });
    await expect(removeVolume(c, 'has space')).rejects.toMatchObject({ kind: 'invalid', field: 'name' });
    await expect(listVolumeDir(c, volume, 'relative')).rejects.toMatchObject({ kind: 'invalid', field: 'path' });
    await expect(listVolumeDir(c, 'bad/volume', '/')).rejects.toMatchObject({ kind: 'invalid', field: 'volume' });
    await expect(previewVolumePrune(c, { labels: ['=x'] })).rejects.toMatchObject({ kind: 'invalid', field: 'labels' });
  });
});
