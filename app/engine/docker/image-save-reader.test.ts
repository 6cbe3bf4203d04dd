// The saved-archive reader on real tar bytes (tar-stream writes them, as the engine's Go tar would):
// the engine's own layout with manifest.json after the layers and a repeated layer linked, the OCI
// layout where JSON blobs sit beside layer blobs, an empty layer, the path cap, and archives that do
// not name their layers.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeTar, type TarWriteItem } from './container-files-tar';
import { readSavedLayers, SaveFormatError } from './image-save-reader';

async function bytes(items: TarWriteItem[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of writeTar(items)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const file = (name: string, body: Buffer | string): TarWriteItem => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return { entry: { name, type: 'file', size: b.length, mode: 0o644, mtime: 0 }, body: [b] };
};
const dir = (name: string): TarWriteItem => ({ entry: { name, type: 'dir', size: 0, mode: 0o755, mtime: 0 } });
const link = (name: string, target: string): TarWriteItem => ({
  entry: { name, type: 'symlink', size: 0, mode: 0o777, mtime: 0, linkTarget: target },
});

const layerA = () => bytes([dir('etc'), file('etc/passwd', 'root:x:0:0'), file('big', Buffer.alloc(70_000, 1))]);
const layerB = () => bytes([file('etc/.wh.passwd', ''), file('new', 'hello')]);
const paths = (layers: { path: string; kind: string; size: number }[][]) =>
  layers.map((l) => l.map((r) => `${r.kind} ${r.path} ${r.size}`));

describe('readSavedLayers', () => {
  it("reads the engine's layout in the manifest's order, the manifest last, a repeated layer by its link", async () => {
    const archive = await bytes([
      dir('bbb'),
      file('bbb/layer.tar', await layerB()),
      dir('aaa'),
      file('aaa/layer.tar', await layerA()),
      dir('ccc'),
      link('ccc/layer.tar', '../aaa/layer.tar'),
      file('cfg.json', '{}'),
      file('manifest.json', JSON.stringify([{ Layers: ['aaa/layer.tar', 'bbb/layer.tar', 'ccc/layer.tar'] }])),
    ]);
    const seen: number[] = [];
    const r = await readSavedLayers(Readable.from([archive]), { maxPaths: 100, onLayer: (x) => seen.push(x.layers) });
    expect(r.layout).toBe('docker');
    expect(r.skipped).toBe(0);
    expect(seen).toEqual([1, 2]);
    const a = ['dir etc 0', 'file etc/passwd 10', 'file big 70000'];
    expect(paths(r.layers)).toEqual([a, ['file etc/.wh.passwd 0', 'file new 5'], a]);
  });

  it('reads the OCI layout: layer blobs by their tar header, JSON blobs and an empty layer beside them', async () => {
    const empty = Buffer.alloc(1024); // a tar with no entries: its two end blocks
    const archive = await bytes([
      dir('blobs'),
      dir('blobs/sha256'),
      file('blobs/sha256/1111', await layerA()),
      file('blobs/sha256/2222', JSON.stringify({ architecture: 'amd64', rootfs: { type: 'layers' } })),
      file('blobs/sha256/3333', empty),
      file('blobs/sha256/4444', await layerB()),
      file('index.json', '{}'),
      file(
        'manifest.json',
        JSON.stringify([
          { Config: 'blobs/sha256/2222', Layers: ['blobs/sha256/1111', 'blobs/sha256/3333', 'blobs/sha256/4444'] },
        ]),
      ),
      file('oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
    ]);
    const r = await readSavedLayers(Readable.from([archive]), { maxPaths: 100 });
    expect(r.layout).toBe('oci');
    expect(paths(r.layers)).toEqual([
      ['dir etc 0', 'file etc/passwd 10', 'file big 70000'],
      [],
      ['file etc/.wh.passwd 0', 'file new 5'],
    ]);
  });

  it('keeps at most maxPaths paths and counts what it left out', async () => {
    const archive = await bytes([
      file('a/layer.tar', await layerA()),
      file('b/layer.tar', await layerB()),
      file('manifest.json', JSON.stringify([{ Layers: ['a/layer.tar', 'b/layer.tar'] }])),
    ]);
    const r = await readSavedLayers(Readable.from([archive]), { maxPaths: 4 });
    expect(paths(r.layers)).toEqual([['dir etc 0', 'file etc/passwd 10', 'file big 70000'], ['file etc/.wh.passwd 0']]);
    expect(r.skipped).toBe(1);
  });

  it('says what is wrong with an archive that does not name its layers', async () => {
    const read = async (items: TarWriteItem[]) =>
      readSavedLayers(Readable.from([await bytes(items)]), { maxPaths: 10 });
    await expect(read([file('a/layer.tar', await layerA())])).rejects.toThrow(
      new SaveFormatError('has no manifest.json naming its layers'),
    );
    await expect(read([file('manifest.json', '[{"Layers": ')])).rejects.toThrow('is not JSON');
    await expect(
      read([file('a/layer.tar', await layerA()), file('manifest.json', '[{"Layers":["b/layer.tar"]}]')]),
    ).rejects.toThrow('names a layer (b/layer.tar) that is not in it');
  });

  it('stops when the signal has fired', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const archive = await bytes([file('a/layer.tar', await layerA())]);
    await expect(readSavedLayers(Readable.from([archive]), { maxPaths: 10, signal: ctl.signal })).rejects.toMatchObject(
      {
        detail: 'cancelled',
      },
    );
  });
});
