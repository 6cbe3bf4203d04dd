// The layer fold: whiteouts and opaque folders hide lower layers' files (wherever they sit in the
// layer's tar), overwritten and removed bytes are wasted and charged to the layer that wrote them,
// folders listed again only because their contents changed are not changes, and the final tree has
// folder sizes, folders first.
import { describe, expect, it } from 'vitest';
import { classify, foldLayers, layerPath, type LayerRecord } from './layer-files-model';

const file = (path: string, size: number, mode = 0o644): LayerRecord => ({ path, kind: 'file', size, mode });
const dir = (path: string, mode = 0o755): LayerRecord => ({ path, kind: 'dir', size: 0, mode });
const link = (path: string, target: string): LayerRecord => ({ path, kind: 'symlink', size: 0, mode: 0o777, target });

describe('classify and layerPath', () => {
  it('reads whiteouts, opaque markers and aufs metadata; normalises tar names', () => {
    expect(classify('etc/.wh.passwd')).toEqual({ what: 'whiteout', target: 'etc/passwd' });
    expect(classify('.wh.big')).toEqual({ what: 'whiteout', target: 'big' });
    expect(classify('var/cache/.wh..wh..opq')).toEqual({ what: 'opaque', dir: 'var/cache' });
    expect(classify('.wh..wh..opq')).toEqual({ what: 'opaque', dir: '' });
    expect(classify('.wh..wh.plnk/1')).toEqual({ what: 'meta' });
    expect(classify('.wh..wh.aufs')).toEqual({ what: 'meta' });
    expect(classify('etc/wh.not')).toEqual({ what: 'entry' });
    expect(layerPath('./etc/')).toBe('etc');
    expect(layerPath('./')).toBe('');
    expect(layerPath('.')).toBe('');
    expect(layerPath('usr/bin/x')).toBe('usr/bin/x');
  });
});

describe('foldLayers', () => {
  const base = [dir('etc'), file('etc/passwd', 100), dir('bin'), file('bin/sh', 5000), link('bin/ash', 'sh')];

  it('marks added, changed and removed paths with sizes, and charges wasted bytes to the layer that wrote them', () => {
    const r = foldLayers(
      [
        base,
        [file('big', 1_000_000), dir('etc'), file('etc/passwd', 120)],
        [file('big', 1_000_000), file('small', 40_000)],
        [file('.wh.small', 0)],
      ],
      ['sha256:a', 'sha256:b', 'sha256:c', 'sha256:d'],
    );
    const rows = (i: number) => r.layers[i]!.files.map((f) => [f.change, f.path, f.size]);
    expect(rows(1)).toEqual([
      ['added', '/big', 1_000_000],
      ['changed', '/etc/passwd', 120],
    ]);
    expect(rows(2)).toEqual([
      ['changed', '/big', 1_000_000],
      ['added', '/small', 40_000],
    ]);
    expect(rows(3)).toEqual([['removed', '/small', 40_000]]);
    // each row a later layer wasted says which layer and how
    expect(r.layers.map((l) => l.files.filter((f) => f.wasted).map((f) => [f.path, f.wasted]))).toEqual([
      [['/etc/passwd', { by: 1, how: 'overwritten' }]],
      [['/big', { by: 2, how: 'overwritten' }]],
      [['/small', { by: 3, how: 'removed' }]],
      [],
    ]);
    expect(r.layers.map((l) => [l.added, l.changed, l.removed])).toEqual([
      [5, 0, 0],
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(r.layers.map((l) => l.bytes)).toEqual([5100, 1_000_120, 1_040_000, 0]);
    // base's passwd (100) overwritten by layer 1; layer 1's big overwritten by 2; layer 2's small removed by 3
    expect(r.layers.map((l) => l.wasted)).toEqual([100, 1_000_000, 40_000, 0]);
    expect(r.wasted).toBe(1_040_100);
    expect(r.wastedFiles).toBe(3);
    expect(r.topWasted).toEqual([
      { path: '/big', size: 1_000_000, layer: 1, by: 2, how: 'overwritten' },
      { path: '/small', size: 40_000, layer: 2, by: 3, how: 'removed' },
      { path: '/etc/passwd', size: 100, layer: 0, by: 1, how: 'overwritten' },
    ]);
    expect(r.layers[3]!.diffId).toBe('sha256:d');
    // the final tree: no /small, folders first with the bytes under them
    expect(r.tree.children!.map((c) => [c.name, c.kind, c.size, c.layer])).toEqual([
      ['bin', 'dir', 5000, 0],
      ['etc', 'dir', 120, 0],
      ['big', 'file', 1_000_000, 2],
    ]);
    expect(r.tree.size).toBe(1_005_120);
    expect(r.tree.children![0]!.children!.find((c) => c.name === 'ash')).toMatchObject({
      kind: 'symlink',
      target: 'sh',
    });
    expect(r.paths).toBe(6);
  });

  it('applies whiteouts before the layer’s own entries, whatever their order in its tar', () => {
    // "rm -rf /data && mkdir /data && echo > /data/new": the opaque marker follows an entry it must not hide
    const r = foldLayers([
      [dir('data'), file('data/old', 10), dir('data/sub'), file('data/sub/x', 5)],
      [dir('data'), file('data/-new', 3), file('data/.wh..wh..opq', 0)],
    ]);
    const data = r.tree.children!.find((c) => c.name === 'data')!;
    expect(data.children!.map((c) => c.name)).toEqual(['-new']);
    expect(r.layers[1]!.files.map((f) => [f.change, f.path, f.size, f.kind])).toEqual([
      ['removed', '/data/old', 10, 'file'],
      ['removed', '/data/sub', 5, 'dir'],
      ['added', '/data/-new', 3, 'file'],
    ]);
    expect(r.layers[0]!.wasted).toBe(15);
  });

  it('removes a whole folder by its whiteout, and ignores whiteouts of paths no lower layer has', () => {
    const r = foldLayers([
      [dir('opt'), dir('opt/app'), file('opt/app/a', 7), file('opt/app/b', 8)],
      [file('opt/.wh.app', 0), file('.wh.never-there', 0)],
    ]);
    expect(r.layers[1]!.files).toEqual([{ path: '/opt/app', change: 'removed', kind: 'dir', size: 15, mode: 0 }]);
    expect(r.layers[1]!.removed).toBe(1);
    expect(r.wasted).toBe(15);
    expect(r.wastedFiles).toBe(2);
    expect(r.tree.children![0]).toMatchObject({ name: 'opt', size: 0, children: [] });
  });

  it('does not count a folder listed again as changed unless its mode changed; a file replacing a folder wastes what was in it', () => {
    const r = foldLayers([
      [dir('etc'), file('etc/a', 1), dir('var'), dir('var/x'), file('var/x/y', 9)],
      [dir('etc'), file('etc/b', 2), dir('var', 0o700), file('var/x', 4)],
    ]);
    // largest first: the file that replaced /var/x, then the rest by path
    expect(r.layers[1]!.files.map((f) => [f.change, f.path])).toEqual([
      ['changed', '/var/x'],
      ['added', '/etc/b'],
      ['changed', '/var'],
    ]);
    expect(r.layers[0]!.wasted).toBe(9);
    expect(r.tree.children!.find((c) => c.name === 'var')).toMatchObject({ mode: 0o700, layer: 1, size: 4 });
  });

  it('makes folders a layer leaves out of its tar, and keeps a root entry out of the rows', () => {
    const r = foldLayers([[dir(''), file('a/b/c', 3)]]);
    expect(r.layers[0]!.files.map((f) => f.path)).toEqual(['/a/b/c']);
    expect(r.tree.children![0]).toMatchObject({ name: 'a', kind: 'dir', size: 3 });
    expect(r.paths).toBe(3);
  });
});
