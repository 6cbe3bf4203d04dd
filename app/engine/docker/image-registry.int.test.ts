import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { htpasswdLine, startRegistry, type TestRegistry } from '../../../harness/registry';
import { skipUnless } from '../../../harness/skip';
import { connectEngine, type EngineClient } from './client';
import { pullImage, type PullProgress } from './image-pull';
import { pushImage, type PushProgress } from './image-push';
import { inspectImage, removeImage } from './images';
import { buildImage } from './image-build';

let client: EngineClient;
let registry: TestRegistry;
let ref: string;
const dirs: string[] = [];
const cleanup: string[] = [];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Builds `tag` from the busybox fixture plus one layer: `bytes` random bytes in /`file`. */
async function buildWithRandomFile(tag: string, bytes: number, file: string) {
  const ctx = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
  dirs.push(ctx);
  writeFileSync(join(ctx, 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN head -c ${bytes} /dev/urandom > /${file}\n`);
  return collect(buildImage(client, { context: ctx, tags: [tag] }));
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  registry = await startRegistry();
  ref = `${registry.host}/${uniqueName('berth/pushed')}:v1`;
});

afterAll(async () => {
  await testEngine().docker(['rmi', '-f', ref, ...cleanup]);
  await registry?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('pull and push against a local registry', () => {
  it('pushes the fixture, removes it locally and pulls it back with layer progress', async () => {
    // a unique top layer, so the pull really downloads something
    const built = await buildWithRandomFile(ref, 300000, 'blob');
    expect(built.at(-1)).toMatchObject({ kind: 'done', tags: [ref] });
    const pushed: PushProgress[] = await collect(
      pushImage(client, ref, { auth: { username: 'nobody', password: 'unused' } }),
    );
    const pushDone = pushed.at(-1);
    expect(pushDone).toMatchObject({ kind: 'done', ref });
    expect((pushDone as { digest?: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pushed.some((p) => p.kind === 'layer')).toBe(true);

    await removeImage(client, ref);
    expect((await testEngine().docker(['image', 'inspect', ref])).code).not.toBe(0);

    const pulled: PullProgress[] = await collect(pullImage(client, ref));
    const layers = pulled.filter((p) => p.kind === 'layer');
    expect(layers.length).toBeGreaterThan(0);
    expect(layers.some((l) => l.kind === 'layer' && l.status === 'Pull complete')).toBe(true);
    expect(layers.some((l) => l.kind === 'layer' && typeof l.total === 'number' && l.total > 100000)).toBe(true);
    expect(layers.some((l) => l.kind === 'layer' && l.status === 'Already exists')).toBe(true);
    const done = pulled.at(-1);
    expect(done).toMatchObject({ kind: 'done', ref, upToDate: false });
    expect((done as { digest?: string }).digest).toBe((pushDone as { digest?: string }).digest);
    expect((done as { imageId?: string }).imageId).toMatch(/^sha256:/);
    expect(JSON.parse(JSON.stringify(pulled))).toEqual(pulled);

    const again = await collect(pullImage(client, ref));
    expect(again.at(-1)).toMatchObject({ kind: 'done', upToDate: true });
  });

  it('reports a missing image as a failure with a sentence', async () => {
    const missing = `${registry.host}/berth/never-pushed:nope`;
    const err = await collect(pullImage(client, missing)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'not-found' });
    expect((err as Error).message).toBe(
      `Could not pull "${missing}": the registry (${registry.host}) has no such image or tag. Check the name and tag.`,
    );
  });

  it('reports an unreachable registry as unavailable', async () => {
    const err = await collect(pullImage(client, '127.0.0.1:1/berth/nothing:latest')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect((err as Error).message).toContain('is not reachable');
  });

  it('cancels a pull with an AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(collect(pullImage(client, ref, { signal: ac.signal }))).rejects.toMatchObject({
      message: 'The operation was cancelled.',
    });
  });

  it('cancels a pull in the middle, destroying the request', async () => {
    const big = `${registry.host}/${uniqueName('berth/big')}:v1`;
    cleanup.push(big);
    await buildWithRandomFile(big, 30000000, 'big');
    await collect(pushImage(client, big));
    await removeImage(client, big);
    const ac = new AbortController();
    const seen: PullProgress[] = [];
    const err = await (async () => {
      for await (const p of pullImage(client, big, { signal: ac.signal })) {
        seen.push(p);
        if (p.kind === 'layer' && p.status === 'Downloading') ac.abort();
      }
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'The operation was cancelled.' });
    expect(seen.at(-1)).toMatchObject({ kind: 'layer', status: 'Downloading' });
  });

  it('reports a failure that arrives in-band after progress started (a blob missing in the registry)', async () => {
    const broken = `${registry.host}/${uniqueName('berth/broken')}:v1`;
    cleanup.push(broken);
    await buildWithRandomFile(broken, 100000, 'b');
    const layers = (await inspectImage(client, broken)).layers;
    await collect(pushImage(client, broken));
    await removeImage(client, broken);
    // the registry keeps blobs by compressed digest; remove every blob except the busybox one and the config
    const blobs = join(registry.dir, 'data/docker/registry/v2/blobs/sha256');
    const big = readdirSync(blobs)
      .flatMap((p) => readdirSync(join(blobs, p)).map((d) => join(blobs, p, d)))
      .filter((d) => statSync(join(d, 'data')).size > 50000 && statSync(join(d, 'data')).size < 200000);
    expect(big.length).toBeGreaterThan(0);
    for (const d of big) rmSync(d, { recursive: true, force: true });
    expect(layers.length).toBe(2);
    const seen: PullProgress[] = [];
    const err = await (async () => {
      for await (const p of pullImage(client, broken)) seen.push(p);
    })().catch((e: unknown) => e);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((p) => p.kind === 'layer' && p.status === 'Pulling fs layer')).toBe(true);
    expect(err).toMatchObject({
      kind: 'not-found',
      message: `Could not pull "${broken}": the registry (${registry.host}) is missing a layer of this image (unknown blob). The image there is damaged; push it again.`,
    });
  });

  it('refuses bad references before the engine', async () => {
    for (const bad of ['', 'UPPER:tag', 'name:', 'a//b', 'name:-x', 'host:99999/x', 'x@sha256:abc', ' padded']) {
      await expect(collect(pullImage(client, bad))).rejects.toMatchObject({ kind: 'invalid', field: 'image' });
      await expect(collect(pushImage(client, bad))).rejects.toMatchObject({ kind: 'invalid', field: 'image' });
    }
  });
});

describe('a registry that requires sign-in', () => {
  const canHash = htpasswdLine('u', 'p') !== undefined;
  const noHtpasswd = skipUnless(canHash, 'the signed-in registry test needs htpasswd (apt-get install apache2-utils)');
  let secured: TestRegistry | undefined;
  let secRef = '';
  const auth = { username: 'berth', password: 's3cret-pass' };

  beforeAll(async () => {
    if (!canHash) return;
    secured = await startRegistry({ auth });
    secRef = `${secured.host}/${uniqueName('berth/private')}:v1`;
  });

  afterAll(async () => {
    if (secRef) await testEngine().docker(['rmi', '-f', secRef]);
    await secured?.stop();
  });

  it.skipIf(noHtpasswd)(
    'refuses a push without or with wrong credentials, and accepts the right ones through X-Registry-Auth',
    async () => {
      await buildWithRandomFile(secRef, 1000, 'p');
      const anonymous = await collect(pushImage(client, secRef)).catch((e: unknown) => e);
      expect(anonymous).toMatchObject({ kind: 'unauthorized' });
      expect((anonymous as Error).message).toBe(
        `Could not push "${secRef}": ${secured!.host} refused access. Sign in with a user that may push this repository.`,
      );
      const wrong = await collect(pushImage(client, secRef, { auth: { ...auth, password: 'wrong' } })).catch(
        (e: unknown) => e,
      );
      expect(wrong).toMatchObject({ kind: 'unauthorized' });
      const pushed = await collect(pushImage(client, secRef, { auth }));
      expect(pushed.at(-1)).toMatchObject({ kind: 'done', ref: secRef });

      await removeImage(client, secRef);
      const denied = await collect(pullImage(client, secRef)).catch((e: unknown) => e);
      expect(denied).toMatchObject({ kind: 'unauthorized' });
      const pulled = await collect(pullImage(client, secRef, { auth }));
      expect(pulled.at(-1)).toMatchObject({ kind: 'done', ref: secRef });
    },
  );
});
