// @vitest-environment happy-dom
// Layer files from the layers view: nothing is exported until Files is chosen on a step; then that
// step's layer lists its files (added, changed, removed, sizes, which a later step wasted), the
// wasted space is totalled and listed by file, the final tree is shown; another step reuses the one
// read; a refusal is shown as its sentence, and a cut answer says what it left out.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImageLayersResult } from '../../../../shared/contract/areas/images';
import { refuse, renderWithClient, type Answer } from '../../test-support/render';
import { ImageLayers } from './ImageLayers';
import { files, steps } from './layer-files-fixture';

afterEach(cleanup);

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight!));

const layers: ImageLayersResult = { id: 'sha256:img', size: 3_597_152, layerCount: 4, matched: true, steps };
const answer =
  (layerFiles: () => unknown = files): Answer =>
  (method) =>
    method === 'images.layers' ? layers : layerFiles();
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('LayerFiles', () => {
  it("lists a step's files with their change, size and waste, the wasted space and the final tree", async () => {
    const r = renderWithClient(<ImageLayers image="sha256:img" />, answer());
    await screen.findByRole('table', { name: 'Layers' });
    expect(r.callsTo('images.layerFiles')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Files of step 3' })).toBeNull(); // an empty step has no files
    await userEvent.click(screen.getByRole('button', { name: 'Files of step 4' }));
    expect(screen.getByRole('button', { name: 'Files of step 4' }).getAttribute('aria-pressed')).toBe('true');
    const table = await screen.findByRole('table', { name: 'Files of step 4' });
    expect(r.callsTo('images.layerFiles')).toEqual([{ ref: 'sha256:img' }]);
    // largest first
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual(['/one', '/two']);
    expect(cells(rows[0]!)).toEqual(['/one', 'changed', '1.05 MB', '—']);
    expect(cells(rows[1]!)).toEqual(['/two', 'added', '300 kB', 'removed by step 5']);
    expect(screen.getByText(/1 added · 1 changed · 0 removed/)).toBeTruthy();

    const wasted = screen.getByRole('table', { name: 'Wasted files' });
    expect(screen.getByText(/in 2 files: in the image, but overwritten or removed by a later layer/)).toBeTruthy();
    expect(cells(within(wasted).getByRole('row', { name: '/one from step 2' }))).toEqual([
      '/one',
      '1.05 MB',
      'step 2',
      'overwritten by step 4',
    ]);
    expect(within(wasted).getByRole('row', { name: '/two from step 4' })).toBeTruthy();

    const tree = screen.getByRole('treegrid', { name: 'Final file tree' });
    expect(within(tree).getByRole('row', { name: '/one' }).textContent).toContain('step 4');
    expect(within(tree).queryByRole('row', { name: '/two' })).toBeNull();

    // another step: the same read, its own files
    await userEvent.click(screen.getByRole('button', { name: 'Files of step 5' }));
    const five = await screen.findByRole('table', { name: 'Files of step 5' });
    expect(cells(within(five).getByRole('row', { name: '/two' }))).toEqual(['/two', 'removed', '300 kB', '—']);
    expect(r.callsTo('images.layerFiles')).toHaveLength(1);
    // choosing it again closes the files
    await userEvent.click(screen.getByRole('button', { name: 'Files of step 5' }));
    expect(screen.queryByRole('region', { name: 'Layer files' })).toBeNull();
  });

  it('filters a long layer by path, and says when a layer lists only its largest files', async () => {
    const many = files();
    const base = many.layers[0]!;
    base.files = Array.from({ length: 20 }, (_, i) => ({
      path: `/lib/mod-${i}.so`,
      change: 'added' as const,
      kind: 'file' as const,
      size: 1000 + i,
      mode: 0o644,
    }));
    base.added = 25;
    base.truncated = true;
    renderWithClient(
      <ImageLayers image="sha256:img" />,
      answer(() => many),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Files of step 1' }));
    const table = await screen.findByRole('table', { name: 'Files of step 1' });
    expect(screen.getByText(/25 added .* the 20 largest listed/)).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter the files of step 1' }), 'MOD-1');
    // mod-1 and mod-10 … mod-19
    expect(within(table).getAllByRole('row')).toHaveLength(12);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter the files of step 1' }), 'x');
    expect(screen.getByText('No file of this layer has "MOD-1x" in its path.')).toBeTruthy();
    // another step starts unfiltered (a short layer has no filter)
    await userEvent.click(screen.getByRole('button', { name: 'Files of step 4' }));
    expect(await screen.findByRole('table', { name: 'Files of step 4' })).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('says what a cut answer left out, and shows a refusal as its sentence', async () => {
    renderWithClient(
      <ImageLayers image="sha256:img" />,
      answer(() => ({ ...files(), truncated: 'This image has more than 200,000 paths in its layers; Berth kept…' })),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Files of step 2' }));
    expect(await screen.findByText(/more than 200,000 paths/)).toBeTruthy();
    cleanup();
    renderWithClient(
      <ImageLayers image="sha256:img" />,
      answer(() =>
        refuse({ kind: 'not-found', message: 'Could not read the files of image "sha256:img": no such image.' }),
      ),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Files of step 2' }));
    expect(await screen.findByText('Could not read the files of image "sha256:img": no such image.')).toBeTruthy();
  });
});
