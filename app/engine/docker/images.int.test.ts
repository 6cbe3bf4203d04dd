import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { buildImage, type BuildProgress } from './image-build';
import { importImage, loadImages, saveImages } from './image-archive';
import { imageHistory, inspectImage, listImages, removeImage, tagImage } from './images';
import { previewImagePrune, pruneImages } from './images-prune';
import { untouchable } from './test-support/untouchable';

let client: EngineClient;
const tmp = mkdtempSync(join(tmpdir(), 'berth-images-test-'));
const repo = uniqueName('berth-test/images').toLowerCase();
const containers: string[] = [];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function refusedBeforeEngine(fn: (c: EngineClient) => Promise<unknown>, field: string): Promise<void> {
  const ids = async () => (await testEngine().docker(['images', '-aq', '--no-trunc'])).stdout.split('\n').sort();
  const before = await ids();
  await expect(fn(untouchable(client))).rejects.toMatchObject({ kind: 'invalid', field });
  expect(await ids()).toEqual(before);
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  for (const c of containers) await testEngine().docker(['rm', '-f', c]);
  const refs = (await testEngine().docker(['images', '--format', '{{.Repository}}:{{.Tag}}', repo])).stdout
    .split('\n')
    .filter(Boolean);
  if (refs.length) await testEngine().docker(['rmi', '-f', ...refs]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('images', () => {
  it('lists images with the containers using each, and inspects and reads history', async () => {
    const ref = `${repo}:list`;
    await tagImage(client, fixtures().busybox, ref);
    const name = uniqueName('img-user');
    containers.push(name);
    expect((await testEngine().docker(['create', '--name', name, ref, 'true'])).code).toBe(0);
    const list = await listImages(client);
    const mine = list.find((i) => i.tags.includes(ref));
    expect(mine).toBeDefined();
    expect(mine!.inUse).toBe(true);
    expect(mine!.dangling).toBe(false);
    expect(mine!.containers).toContain(name);
    expect(mine!.tags).toContain(fixtures().busybox);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);

    const details = await inspectImage(client, ref);
    expect(details.id).toBe(mine!.id);
    expect(details.config.cmd).toEqual(['sh']);
    expect(details.layers.length).toBe(1);
    const history = await imageHistory(client, ref);
    expect(history.length).toBeGreaterThan(0);
    expect(history[0]!.size).toBeGreaterThan(100000);
  });

  it('refuses to remove an image a container uses, naming the container, unless forced', async () => {
    const ref = `${repo}:inuse`;
    const built = await collect(
      buildImage(client, { context: await contextDir('inuse', 'RUN echo in-use > /marker'), tags: [ref] }),
    );
    const done = built.at(-1) as Extract<BuildProgress, { kind: 'done' }>;
    const name = uniqueName('img-holder');
    containers.push(name);
    expect((await testEngine().docker(['create', '--name', name, ref, 'true'])).code).toBe(0);
    const err = await removeImage(client, done.imageId).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'conflict' });
    expect((err as Error).message).toContain(`"${name}"`);
    expect((await testEngine().docker(['image', 'inspect', ref])).code).toBe(0);
    await testEngine().docker(['rm', '-f', name]);
    const removed = await removeImage(client, ref);
    expect(removed.untagged).toContain(ref);
    expect(removed.deleted).toContain(done.imageId);
  });

  it('previews exactly what a dangling prune removes and the space it frees', async () => {
    const label = uniqueName('berth.prune.test');
    const built = [] as string[];
    for (const n of [1, 2]) {
      const items = await collect(
        buildImage(client, {
          context: await contextDir(`prune${n}`, `LABEL ${label}=yes\nRUN head -c ${n * 20000} /dev/urandom > /blob`),
        }),
      );
      built.push((items.at(-1) as Extract<BuildProgress, { kind: 'done' }>).imageId);
    }
    const list = await listImages(client);
    for (const id of built) expect(list.find((i) => i.id === id)?.dangling).toBe(true);
    const preview = await previewImagePrune(client, { labels: [`${label}=yes`] });
    for (const id of built) expect(preview.images.map((i) => i.id)).toContain(id);
    expect(preview.spaceReclaimed).toBeGreaterThanOrEqual(60000);
    const result = await pruneImages(client, { labels: [`${label}=yes`] });
    expect([...result.deleted].sort()).toEqual(preview.images.map((i) => i.id).sort());
    expect(result.spaceReclaimed).toBe(preview.spaceReclaimed);
    for (const id of built) expect((await testEngine().docker(['image', 'inspect', id])).code).not.toBe(0);
    expect((await testEngine().docker(['image', 'inspect', fixtures().busybox])).code).toBe(0);
  });

  it('saves images to a tar and loads them back', async () => {
    const ref = `${repo}:saved`;
    await tagImage(client, fixtures().busybox, ref);
    const file = join(tmp, 'saved.tar');
    const saved = await collect(saveImages(client, [ref], file));
    const done = saved.at(-1);
    expect(done).toMatchObject({ kind: 'done', path: file });
    expect((done as { size: number }).size).toBeGreaterThan(100000);
    await removeImage(client, ref);
    expect((await testEngine().docker(['image', 'inspect', ref])).code).not.toBe(0);
    const loaded = await collect(loadImages(client, file));
    expect(loaded.at(-1)).toMatchObject({ kind: 'done', images: [ref] });
    expect((await testEngine().docker(['image', 'inspect', ref])).code).toBe(0);
  });

  it('never replaces an existing file unless asked, and leaves no side file when it fails or is cancelled', async () => {
    const dir = join(tmp, 'save-target');
    mkdirSync(dir);
    const file = join(dir, 'mine.tar');
    writeFileSync(file, 'precious');
    const refused = await collect(saveImages(client, [fixtures().busybox], file)).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      kind: 'conflict',
      field: 'path',
      message: `${file} already exists. Choose another file name, or confirm replacing it.`,
    });
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['mine.tar']);

    const replaced = await collect(saveImages(client, [fixtures().busybox], file, { overwrite: true }));
    expect(replaced.at(-1)).toMatchObject({ kind: 'done', path: file });
    expect(statSync(file).size).toBeGreaterThan(100000);
    expect(readdirSync(dir)).toEqual(['mine.tar']);

    // Cancelled after the first 4 MB of a 12 MB image: the side file (named after the target, in its
    // folder) was there, and is removed.
    const big = `${repo}:big`;
    await collect(
      buildImage(client, {
        context: await contextDir('big', 'RUN head -c 12000000 /dev/urandom > /big'),
        tags: [big],
      }),
    );
    const ctl = new AbortController();
    const other = join(dir, 'cancelled.tar');
    let sideSeen: string[] = [];
    const err = await (async () => {
      for await (const p of saveImages(client, [big], other, { signal: ctl.signal })) {
        if (p.kind !== 'bytes') continue;
        sideSeen = readdirSync(dir).filter((n) => /^cancelled\.tar\.partial-\d+-[0-9a-f]{6}$/.test(n));
        ctl.abort();
      }
    })().catch((e: unknown) => e);
    expect(sideSeen).toHaveLength(1);
    expect(err).toMatchObject({ message: expect.stringMatching(/cancel/i) });
    expect(readdirSync(dir)).toEqual(['mine.tar']);
    await removeImage(client, big, { force: true });

    // A folder that refuses writing (sysfs, even for root): said as that, naming the folder, not the side file.
    const denied = await collect(saveImages(client, [fixtures().busybox], '/sys/kernel/berth.tar')).catch(
      (e: unknown) => e,
    );
    expect(denied).toMatchObject({
      kind: 'invalid',
      field: 'path',
      message: `Could not save image "${fixtures().busybox}" to "/sys/kernel/berth.tar": permission denied writing in the folder /sys/kernel. Check its permissions, or choose another place.`,
    });
  });

  it('imports a root filesystem tar as an image', async () => {
    const root = join(tmp, 'rootfs');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc', 'hello'), 'imported\n');
    const file = join(tmp, 'rootfs.tar');
    execFileSync('tar', ['-C', root, '-cf', file, '.']);
    const ref = `${repo}:imported`;
    const res = await importImage(client, file, { ref, changes: ['CMD ["/bin/sh"]', 'LABEL berth=imported'] });
    expect(res.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const details = await inspectImage(client, ref);
    expect(details.id).toBe(res.imageId);
    expect(details.config.labels).toEqual({ berth: 'imported' });
    expect(details.config.cmd).toEqual(['/bin/sh']);
  });

  it('refuses bad input before it reaches the engine', async () => {
    await refusedBeforeEngine((c) => tagImage(c, fixtures().busybox, 'Upper/Case:tag'), 'target');
    await refusedBeforeEngine((c) => tagImage(c, fixtures().busybox, 'ok:-badtag'), 'target');
    await refusedBeforeEngine((c) => removeImage(c, 'bad ref'), 'image');
    await refusedBeforeEngine((c) => inspectImage(c, 'UPPER'), 'image');
    await refusedBeforeEngine((c) => collect(saveImages(c, [fixtures().busybox], 'relative.tar')), 'path');
    await refusedBeforeEngine((c) => collect(loadImages(c, join(tmp, 'missing.tar'))), 'path');
    await refusedBeforeEngine((c) => importImage(c, join(tmp, 'missing.tar')), 'path');
    await refusedBeforeEngine((c) => previewImagePrune(c, { labels: ['=x'] }), 'labels');
  });

  it('refuses to remove an image with several tags by id without force', async () => {
    const built = await collect(
      buildImage(client, { context: await contextDir('twotags', 'RUN echo two > /tags'), tags: [`${repo}:first-tag`] }),
    );
    const id = (built.at(-1) as Extract<BuildProgress, { kind: 'done' }>).imageId;
    await tagImage(client, id, `${repo}:second-tag`);
    const err = await removeImage(client, id).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'conflict',
      message: `Could not remove image "${id}": it has several tags. Remove the tags one by one, or remove it with force.`,
    });
    expect(await removeImage(client, `${repo}:second-tag`)).toEqual({ untagged: [`${repo}:second-tag`], deleted: [] });
  });

  it('reports a missing image as not found', async () => {
    await expect(inspectImage(client, `${repo}:does-not-exist`)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(removeImage(client, `${repo}:does-not-exist`)).rejects.toMatchObject({ kind: 'not-found' });
  });
});

async function contextDir(name: string, steps: string): Promise<string> {
  const dir = join(tmp, `ctx-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtures().busybox}\n${steps}\n`);
  return dir;
}
