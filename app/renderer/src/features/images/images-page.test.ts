import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../shared/contract';
import { filterImages, imageRows, imagesSummary } from './ImagesPage';
import { freesText } from './PruneDialog';

const img = (id: string, tags: string[], extra: Partial<ImageSummary> = {}): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  tags,
  digests: [],
  size: 10,
  created: 0,
  inUse: false,
  dangling: tags.length === 0,
  containers: [],
  ...extra,
});

describe('image rows', () => {
  const list = [
    img('aa', ['web:1', 'web:latest'], { inUse: true, containers: ['c1'] }),
    img('bb', []),
    img('cc', ['db:2']),
  ];

  it('gives one row per reference, that reference first', () => {
    expect(imageRows(list).map((r) => r.tags[0] ?? '<none>')).toEqual(['web:1', 'web:latest', '<none>', 'db:2']);
    expect(imageRows(list)[1]!.tags).toEqual(['web:latest', 'web:1']);
  });

  it('filters by use and dangling, and searches references and id prefixes', () => {
    expect(filterImages(list, 'in-use', '').map((r) => r.tags[0])).toEqual(['web:1', 'web:latest']);
    expect(filterImages(list, 'unused', '').length).toBe(2);
    expect(filterImages(list, 'dangling', '').map((r) => r.id.slice(7, 9))).toEqual(['bb']);
    expect(filterImages(list, 'all', 'LATEST').map((r) => r.tags[0])).toEqual(['web:latest']);
    expect(filterImages(list, 'all', 'cc0').map((r) => r.tags[0])).toEqual(['db:2']);
  });
});

describe('sortRows', () => {
  it('sorts numbers numerically and text by locale, either way', async () => {
    const { sortRows } = await import('../../components/ObjectTable');
    const col = { label: 'n', value: (r: { n: number }) => r.n, render: () => null };
    expect(sortRows([{ n: 10 }, { n: 9 }, { n: 100 }], col, false).map((r) => r.n)).toEqual([9, 10, 100]);
    expect(sortRows([{ n: 10 }, { n: 9 }, { n: 100 }], col, true).map((r) => r.n)).toEqual([100, 10, 9]);
    const text = { label: 't', value: (r: { t: string }) => r.t, render: () => null };
    expect(sortRows([{ t: 'b' }, { t: 'a' }], text, false).map((r) => r.t)).toEqual(['a', 'b']);
  });
});

describe('one accounting of sizes', () => {
  it('says what is on disk with shared layers once, and the intermediate images it does not list', () => {
    expect(imagesSummary(4, undefined)).toBe('4 images');
    expect(imagesSummary(4, { count: 4, intermediate: 0, size: 1_984_257, shared: 1_900_000 })).toBe(
      '4 images · 1.98 MB on disk, shared layers counted once',
    );
    expect(imagesSummary(4, { count: 4, intermediate: 10, size: 1_984_257, shared: 0 })).toBe(
      '4 images · 1.98 MB on disk, shared layers counted once · 10 intermediate build images not listed',
    );
  });

  it('says what removing an image frees next to its size', () => {
    expect(freesText({ size: 1_900_000, frees: 1_900_000 })).toBe('frees 1.9 MB');
    expect(freesText({ size: 1_900_000, frees: 0 })).toBe(
      '1.9 MB, frees nothing: its layers stay for images that share them',
    );
    expect(freesText({ size: 1_900_000, frees: 20_000 })).toBe(
      '1.9 MB, frees 20 kB: the rest is shared with images that stay',
    );
  });
});
