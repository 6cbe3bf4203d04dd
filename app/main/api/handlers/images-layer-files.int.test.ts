// images.layerFiles through the contract, over the real WebSocket transport against the private
// engine: the busybox fixture's one layer and its tree arrive whole; a bad reference is refused at
// its field before the engine is asked; a missing image is a sentence.
import { describe, expect, it } from 'vitest';
import { fixtures, testEngine } from '../../../../harness/context';
import type { ImageFilesResult } from '../../../shared/contract/areas/image-files';
import { servedClient } from '../test-support/served-client';

const c = servedClient();

describe('images.layerFiles over the contract', () => {
  it("answers the fixture's layer files and final tree", async () => {
    const inspect = JSON.parse((await testEngine().docker(['image', 'inspect', fixtures().busybox])).stdout)[0] as {
      Id: string;
      RootFS: { Layers: string[] };
    };
    const r = await c.request<ImageFilesResult>('images.layerFiles', { ref: fixtures().busybox });
    expect(r.id).toBe(inspect.Id);
    expect(r.layers.map((l) => l.diffId)).toEqual(inspect.RootFS.Layers);
    expect(r.wasted).toBe(0);
    const bin = r.tree.children!.find((n) => n.name === 'bin')!;
    expect(bin.children!.find((n) => n.name === 'busybox')).toMatchObject({ kind: 'file', layer: 0 });
    expect(bin.size).toBeGreaterThan(100_000);
    const www = r.tree.children!.find((n) => n.name === 'www')!;
    expect(www.children).toEqual([
      expect.objectContaining({ name: 'index.html', kind: 'file', size: '<h1>berth fixture</h1>\n'.length }),
    ]);
  });

  it('refuses a bad reference at its field, and says when the image is missing', async () => {
    await expect(c.request('images.layerFiles', { ref: 'Not An Image' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'ref',
    });
    await expect(c.request('images.layerFiles', { ref: 'berth-test/never-built:1' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/berth-test\/never-built:1/),
    });
  });
});
