// The files of an image's layers against the real engine: an image built on the busybox fixture with
// three RUN steps (one adds a 1 MiB file; one rewrites it and adds another; one removes that other)
// lists exactly those files as added, changed and removed with their sizes, wastes exactly the
// overwritten and removed bytes, and its final tree lacks the removed file. The engine's archive puts
// manifest.json after the layers (checked here, so the case is covered). Aborting the request's
// signal stops the engine's read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, dialStream, withAbortSignal, type EngineClient } from './client';
import { readTar } from './container-files-tar';
import { imageFiles } from './image-files';

let client: EngineClient;
const ref = `${uniqueName('berth-test/layer-files').toLowerCase()}:three-runs`;
const MiB = 1024 * 1024;

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  const dockerfile = [
    `FROM ${fixtures().busybox}`,
    `RUN head -c ${MiB} /dev/urandom > /one`,
    `RUN head -c ${MiB} /dev/urandom > /one && head -c 300000 /dev/urandom > /two`,
    'RUN rm /two',
    '',
  ].join('\n');
  const built = await testEngine().docker(['build', '--no-cache', '-t', ref, '-'], dockerfile);
  expect(built.code, built.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await testEngine().docker(['rmi', '-f', ref]);
});

describe('image layer files', () => {
  it('lists what each RUN step added, changed and removed, the wasted bytes and the final tree', async () => {
    const inspect = JSON.parse((await testEngine().docker(['image', 'inspect', ref])).stdout)[0] as {
      Id: string;
      RootFS: { Layers: string[] };
    };
    const r = await imageFiles(client, ref);
    expect(r.id).toBe(inspect.Id);
    expect(r.layers.map((l) => l.diffId)).toEqual(inspect.RootFS.Layers);
    const [add, change, remove] = r.layers.slice(-3);
    const rows = (l: typeof add) => l!.files.map((f) => [f.change, f.path, f.kind, f.size]);
    expect(rows(add)).toEqual([['added', '/one', 'file', MiB]]);
    expect(rows(change)).toEqual([
      ['changed', '/one', 'file', MiB],
      ['added', '/two', 'file', 300_000],
    ]);
    expect(rows(remove)).toEqual([['removed', '/two', 'file', 300_000]]);
    const top = r.layers.length - 1;
    expect(add!.files[0]!.wasted).toEqual({ by: top - 1, how: 'overwritten' });
    expect(change!.files.map((f) => f.wasted)).toEqual([undefined, { by: top, how: 'removed' }]);
    expect([add!.added, add!.changed, add!.removed]).toEqual([1, 0, 0]);
    expect([change!.added, change!.changed, change!.removed]).toEqual([1, 1, 0]);
    expect([remove!.added, remove!.changed, remove!.removed]).toEqual([0, 0, 1]);
    // wasted: the first /one (overwritten by the next step) and /two (removed by the last)
    expect(r.wasted).toBe(MiB + 300_000);
    expect(r.wastedFiles).toBe(2);
    expect([add!.wasted, change!.wasted, remove!.wasted]).toEqual([MiB, 300_000, 0]);
    expect(r.topWasted).toEqual([
      { path: '/one', size: MiB, layer: top - 2, by: top - 1, how: 'overwritten' },
      { path: '/two', size: 300_000, layer: top - 1, by: top, how: 'removed' },
    ]);
    // the final tree: /one from the second step, no /two, busybox's own files below it
    const names = r.tree.children!.map((c) => c.name);
    expect(names).toContain('one');
    expect(names).not.toContain('two');
    expect(r.tree.children!.find((c) => c.name === 'one')).toMatchObject({ kind: 'file', size: MiB, layer: top - 1 });
    const bin = r.tree.children!.find((c) => c.name === 'bin');
    expect(bin?.kind).toBe('dir');
    expect(bin!.children!.length).toBeGreaterThan(0);
    expect(r.truncated).toBeUndefined();
  });

  it('reads an archive whose manifest.json comes after its layers (as this engine writes it)', async () => {
    const names: string[] = [];
    for await (const e of readTar(await dialStream(client, { path: `/images/${ref}/get` }))) names.push(e.name);
    const lastLayer = names.findLastIndex((n) => n.endsWith('/layer.tar'));
    expect(lastLayer).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('manifest.json')).toBeGreaterThan(lastLayer);
  });

  it("stops the engine's read when the request's signal aborts", async () => {
    const ctl = new AbortController();
    // the request's engine, as a handler gets it (engineForCall binds the request's signal the same way)
    const bound = withAbortSignal(client, ctl.signal);
    const seen: number[] = [];
    const read = imageFiles(bound, ref, {
      onLayer: ({ layers }) => {
        seen.push(layers);
        ctl.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ detail: 'cancelled' });
    // no layer after the first was read: the archive stopped flowing when the signal fired
    expect(seen).toEqual([1]);
    // the same engine, unbound, still answers
    await expect(imageFiles(client, ref)).resolves.toMatchObject({ wasted: MiB + 300_000 });
  });

  it('keeps at most the paths it is allowed and says what it left out', async () => {
    const r = await imageFiles(client, ref, { maxPaths: 50 });
    expect(r.truncated).toMatch(/more than 50 paths in its layers; Berth kept the first 50 .* left out \d/);
    expect(r.layers.reduce((n, l) => n + l.added + l.changed + l.removed, 0)).toBeLessThanOrEqual(50);
  });

  it('refuses a bad reference before the engine and names a missing image', async () => {
    await expect(imageFiles(client, 'Not An Image')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(imageFiles(client, `${ref}-gone`)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
