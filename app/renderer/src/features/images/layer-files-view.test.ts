// The layer files model: steps matched to layers by diff id (a repeated layer in order, steps without
// one by order), names and sentences, and the tree's visible rows as folders open.
import { describe, expect, it } from 'vitest';
import { files, steps } from './layer-files-fixture';
import { layerName, layerSummary, stepsByLayer, visibleRows, wastedBy } from './layer-files-view';

describe('layer files view model', () => {
  it('matches each layer to the step that made it, by diff id, then by order', () => {
    const layers = files().layers;
    expect(stepsByLayer(steps, layers)).toEqual([1, 2, 4, 5]);
    // the same layer twice (two identical steps): matched in order
    const twice = layers.map((l, i) => ({ ...l, diffId: i >= 2 ? 'sha256:same' : l.diffId }));
    const s2 = steps.map((s) => (s.step >= 4 ? { ...s, diffId: 'sha256:same' } : s));
    expect(stepsByLayer(s2, twice)).toEqual([1, 2, 4, 5]);
    // no diff ids at all: by order of the steps that made a layer
    expect(
      stepsByLayer(
        steps.map(({ diffId: _d, ...s }) => s),
        layers,
      ),
    ).toEqual([1, 2, 4, 5]);
    // counts that do not match and no ids: nothing guessed
    expect(
      stepsByLayer(
        steps.slice(0, 2).map(({ diffId: _d, ...s }) => s),
        layers,
      ),
    ).toEqual([undefined, undefined, undefined, undefined]);
    expect(layerName(2, [1, 2, 4])).toBe('step 4');
    expect(layerName(3, [1, 2, 4])).toBe('layer 4');
    expect(wastedBy({ by: 2, how: 'overwritten' }, [1, 2, 4])).toBe('overwritten by step 4');
    expect(layerSummary(layers[1]!, (n) => `${n} B`)).toBe(
      '1 added · 0 changed · 0 removed · 1048576 B written · 1048576 B of it wasted by later layers',
    );
  });

  it('shows the top level, and the entries of open folders under them at the next level', () => {
    const tree = files().tree;
    expect(visibleRows(tree, new Set()).map((r) => [r.path, r.level, r.folder, r.expanded])).toEqual([
      ['/bin', 1, true, false],
      ['/etc', 1, true, false],
      ['/one', 1, false, false],
    ]);
    expect(visibleRows(tree, new Set(['/bin'])).map((r) => [r.path, r.level, r.parent])).toEqual([
      ['/bin', 1, ''],
      ['/bin/busybox', 2, '/bin'],
      ['/bin/sh', 2, '/bin'],
      ['/etc', 1, ''],
      ['/one', 1, ''],
    ]);
  });
});
