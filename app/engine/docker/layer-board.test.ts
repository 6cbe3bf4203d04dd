import { describe, expect, it } from 'vitest';
import { LayerBoard } from './layer-board';

describe('LayerBoard', () => {
  it('keeps one bar per layer, remembers totals, and counts finished layers as whole', () => {
    const b = new LayerBoard('Pulling x');
    b.layer('a', 'Downloading', 50, 100);
    b.layer('b', 'Downloading', 10, 200);
    expect(b.progress()).toMatchObject({ text: 'Pulling x', current: 60, total: 300 });
    b.layer('a', 'Download complete');
    b.layer('b', 'Extracting', 100, 200);
    const p = b.progress();
    expect(p.layers).toEqual([
      { id: 'a', status: 'Download complete', total: 100 },
      { id: 'b', status: 'Extracting', current: 100, total: 200 },
    ]);
    expect(p).toMatchObject({ current: 200, total: 300 });
  });

  it('leaves out the overall numbers while no size is known', () => {
    const b = new LayerBoard('Pushing y');
    b.layer('c', 'Preparing');
    expect(b.progress()).toEqual({ text: 'Pushing y', layers: [{ id: 'c', status: 'Preparing' }] });
    b.layer('c', 'Layer already exists');
    b.text = 'Pushed';
    expect(b.progress().text).toBe('Pushed');
  });
});
