import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { startTestEngine, type TestEngine } from '../../../harness/engine';
import { buildBusybox } from '../../../harness/fixtures';
import { connectEngine, type EngineClient } from './client';
import { buildImage } from './image-build';
import { importImage } from './image-archive';
import { previewImagePrune, pruneImages } from './images-prune';
import { diskUsage, getSystemInfo, getSystemVersion, pruneSystem } from './system';

let client: EngineClient;
const box = uniqueName('df-box');
const vol = uniqueName('df-vol');

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  const r = await testEngine().docker([
    'run',
    '--name',
    box,
    '-v',
    `${vol}:/v`,
    fixtures().busybox,
    'sh',
    '-c',
    'head -c 300000 /dev/urandom > /v/blob; head -c 200000 /dev/urandom > /rw',
  ]);
  expect(r.code).toBe(0);
});

afterAll(async () => {
  await testEngine().docker(['rm', '-f', box]);
  await testEngine().docker(['volume', 'rm', '-f', vol]);
});

describe('system', () => {
  it('reads info and version', async () => {
    const info = await getSystemInfo(client);
    expect(info.dataRoot).toBe(testEngine().dataRoot);
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(info.apiVersion).toBe(client.apiVersion);
    expect(info.cpus).toBeGreaterThan(0);
    expect(info.memory).toBeGreaterThan(0);
    expect(info.images).toBeGreaterThan(0);
    expect(info.containers.total).toBeGreaterThanOrEqual(1);
    const version = await getSystemVersion(client);
    expect(version.version).toBe(info.version);
    expect(version.apiVersion).toBe(client.engineApiVersion);
    expect(version.os).toBe('linux');
  });

  it('reports disk usage of images, containers, volumes and build cache', async () => {
    const df = await diskUsage(client);
    const busybox = df.images.items.find((i) => i.tags.includes(fixtures().busybox));
    expect(busybox?.size).toBeGreaterThan(100000);
    expect(df.images.size).toBeGreaterThan(100000);
    expect(df.images.reclaimable).toBeLessThanOrEqual(df.images.size);
    const c = df.containers.items.find((x) => x.name === box);
    expect(c?.sizeRw).toBeGreaterThanOrEqual(200000);
    expect(df.containers.reclaimable).toBeGreaterThanOrEqual(c!.sizeRw);
    const v = df.volumes.items.find((x) => x.name === vol);
    expect(v).toMatchObject({ refCount: 1 });
    expect(v!.size).toBeGreaterThanOrEqual(300000);
    expect(df.buildCache).toMatchObject({ count: expect.any(Number), size: expect.any(Number) });
    expect(JSON.parse(JSON.stringify(df))).toEqual(df);
  });
});

describe('system prune (on an engine of its own, so other tests keep their objects)', () => {
  let engine: TestEngine;
  let own: EngineClient;
  const dir = mkdtempSync(join(tmpdir(), 'berth-prune-'));

  beforeAll(async () => {
    engine = await startTestEngine();
    await buildBusybox(engine, fixtures().busybox);
    own = await connectEngine({ kind: 'unix', socketPath: engine.socket });
  });

  afterAll(async () => {
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews exactly what an "all unused" image prune removes', async () => {
    // an unused tagged image, an unused image with a built child chain, and one a container uses
    for (const [ref, text] of [
      ['unused/a:1', 'a'],
      ['used/b:1', 'b'],
    ] as const) {
      writeFileSync(join(dir, 'file'), text);
      execFileSync('tar', ['-C', dir, '-cf', join(dir, 'img.tar'), 'file']);
      await importImage(own, join(dir, 'img.tar'), { ref, changes: ['CMD ["/file"]'] });
    }
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN echo child > /c\n`);
    for await (const p of buildImage(own, { context: dir, tags: ['unused/child:1'] })) void p;
    expect((await engine.docker(['create', '--name', 'holder', 'used/b:1'])).code).toBe(0);
    expect((await engine.docker(['create', '--name', 'bb-holder', fixtures().busybox, 'true'])).code).toBe(0);
    const preview = await previewImagePrune(own, { all: true });
    const result = await pruneImages(own, { all: true });
    expect([...result.deleted].sort()).toEqual(preview.images.map((i) => i.id).sort());
    expect(preview.images.flatMap((i) => i.tags).sort()).toEqual(['unused/a:1', 'unused/child:1']);
    expect(result.spaceReclaimed).toBe(preview.spaceReclaimed);
    expect((await engine.docker(['image', 'inspect', 'used/b:1'])).code).toBe(0);
    expect((await engine.docker(['image', 'inspect', fixtures().busybox])).code).toBe(0);
    await engine.docker(['rm', '-f', 'holder', 'bb-holder']);
  });

  it('removes stopped containers, unused networks, volumes, dangling images and keeps the rest', async () => {
    expect((await engine.docker(['create', '--name', 'stopped-one', fixtures().busybox, 'true'])).code).toBe(0);
    expect((await engine.docker(['network', 'create', 'unused-net'])).code).toBe(0);
    expect((await engine.docker(['volume', 'create', 'unused-vol'])).code).toBe(0);
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN echo dangling > /d\n`);
    let dangling = '';
    for await (const p of buildImage(own, { context: dir })) if (p.kind === 'done') dangling = p.imageId;
    const res = await pruneSystem(own, { volumes: true });
    expect(res.containers).toHaveLength(1);
    expect(res.networks).toEqual(['unused-net']);
    expect(res.volumes).toEqual(['unused-vol']);
    expect(res.images).toContain(dangling);
    expect(res.spaceReclaimed).toBeGreaterThan(0);
    expect((await engine.docker(['image', 'inspect', fixtures().busybox])).code).toBe(0);
    expect((await engine.docker(['ps', '-aq'])).stdout).toBe('');
  });
});
