// Image layers against the real engine: an image built with RUN steps (one changing nothing, one
// making only a folder: both 0 bytes, only the second a layer) and metadata steps; the steps, sizes, empty marks and diff ids are checked against the engine's
// own `docker history` and `docker inspect`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { imageLayerSteps } from './image-history';
import { buildImage } from './image-build';

let client: EngineClient;
const tmp = mkdtempSync(join(tmpdir(), 'berth-layers-test-'));
const ref = `${uniqueName('berth-test/layers').toLowerCase()}:three-runs`;

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  writeFileSync(
    join(tmp, 'Dockerfile'),
    [
      `FROM ${fixtures().busybox}`,
      'RUN head -c 300000 /dev/urandom > /big',
      'ENV STAGE=two',
      'RUN head -c 40000 /dev/urandom > /small && mkdir /data',
      'RUN true',
      'RUN mkdir /empty-dir',
      'CMD ["sh"]',
      '',
    ].join('\n'),
  );
  for await (const p of buildImage(client, { context: tmp, tags: [ref], noCache: true })) void p;
}, 120_000);

afterAll(async () => {
  await testEngine().docker(['rmi', '-f', ref]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('image layers', () => {
  it('lists each step with its command, size, cumulative size and layer, as the engine has them', async () => {
    const r = await imageLayerSteps(client, ref);
    const inspect = JSON.parse((await testEngine().docker(['image', 'inspect', ref])).stdout)[0] as {
      Id: string;
      Size: number;
      RootFS: { Layers: string[] };
    };
    const cli = (
      await testEngine().docker(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}', ref])
    ).stdout
      .trim()
      .split('\n')
      .map(Number)
      .reverse();
    expect(r.id).toBe(inspect.Id);
    expect(r.matched).toBe(true);
    expect(r.layerCount).toBe(inspect.RootFS.Layers.length);
    expect(r.steps.map((s) => s.size)).toEqual(cli);
    expect(r.steps.at(-1)!.cumulative).toBe(inspect.Size);

    const tail = r.steps.slice(-6);
    // a RUN that changed nothing makes no layer; one that only made a folder makes a layer of 0 bytes
    expect(tail.map((s) => [s.instruction, s.empty])).toEqual([
      ['RUN', false],
      ['ENV', true],
      ['RUN', false],
      ['RUN', true],
      ['RUN', false],
      ['CMD', true],
    ]);
    expect(tail[0]!.command).toBe('RUN head -c 300000 /dev/urandom > /big');
    // the files' bytes, plus their tar headers and the folders' entries
    expect(tail[0]!.size).toBeGreaterThanOrEqual(300_000);
    expect(tail[0]!.size).toBeLessThan(310_000);
    expect(tail[2]!.size).toBeGreaterThanOrEqual(40_000);
    expect(tail[2]!.size).toBeLessThan(50_000);
    expect(tail[3]!.size).toBe(0);
    expect(tail[4]!.size).toBe(0);
    // every layer on disk is one step's, in order
    expect(r.steps.filter((s) => !s.empty).map((s) => s.diffId)).toEqual(inspect.RootFS.Layers);
    expect(tail[1]!.diffId).toBeUndefined();
    // the top step carries the image's id and tag
    expect(r.steps.at(-1)!.id).toBe(inspect.Id);
    expect(r.steps.at(-1)!.tags).toEqual([ref]);
  });

  it('refuses a bad reference before the engine and names a missing image', async () => {
    await expect(imageLayerSteps(client, 'Not An Image')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(imageLayerSteps(client, `${ref}-gone`)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
