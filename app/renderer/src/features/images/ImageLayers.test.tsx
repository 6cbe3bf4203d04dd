// @vitest-environment happy-dom
// The layers view: rows named by step and command, empty steps marked and hideable, the largest
// layers marked, sorted by size on request, a guessed match said, a refusal shown as its sentence.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImageLayersResult } from '../../../../shared/contract/areas/images';
import { refuse, renderWithClient } from '../../test-support/render';
import { ImageLayers } from './ImageLayers';
import { step } from './layer-files-fixture';
import { barShare, largestSteps, layersSummary } from './layers-model';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualized table's scroller is given a height, so its rows render
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight!));

const result = (matched = true): ImageLayersResult => ({
  id: 'sha256:abc',
  size: 5_360_000,
  layerCount: 4,
  matched,
  steps: [
    step(1, 'ADD file:base in /', 5_000_000),
    step(2, 'RUN head -c 300000 /dev/urandom > /big', 300_000),
    step(3, 'ENV STAGE=two', 0, true),
    step(4, 'RUN head -c 40000 /dev/urandom > /small', 40_000),
    step(5, 'RUN mkdir /d', 0),
    step(6, 'CMD ["sh"]', 0, true),
  ],
});

describe('layers model', () => {
  it('marks the largest layers with bytes, largest first, and sizes bars against the largest', () => {
    expect(largestSteps(result().steps)).toEqual([1, 2, 4]);
    expect(largestSteps(result().steps, 1)).toEqual([1]);
    expect(barShare(0, 10)).toBe(0);
    expect(barShare(10, 10)).toBe(1);
    expect(barShare(1, 1000)).toBe(0.02);
    expect(layersSummary(result().steps, 4, 5_360_000)).toBe(
      '6 steps · 4 layers · 2 empty (metadata only) · largest: step 1, 93% of the image',
    );
  });
});

describe('ImageLayers', () => {
  it('lists each step by its command with sizes, marks empty and largest, hides empty steps', async () => {
    const r = renderWithClient(<ImageLayers image="web:1" />, () => result());
    const table = await screen.findByRole('table', { name: 'Layers' });
    expect(r.callsTo('images.layers')).toEqual([{ ref: 'web:1' }]);
    const big = within(table).getByRole('row', { name: 'Step 2: RUN head -c 300000 /dev/urandom > /big' });
    expect(big.textContent).toContain('300 kB');
    expect(big.textContent).toContain('large');
    expect(within(table).getByRole('row', { name: 'Step 1: ADD file:base in /' }).textContent).toContain('largest');
    expect(within(table).getByRole('row', { name: 'Step 3: ENV STAGE=two' }).textContent).toContain('empty');
    expect(within(table).getByRole('row', { name: 'Step 5: RUN mkdir /d' }).textContent).not.toContain('empty');
    expect(screen.getByRole('status').textContent).toContain('6 steps · 4 layers · 2 empty');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Hide empty steps' }));
    expect(within(table).queryByRole('row', { name: 'Step 3: ENV STAGE=two' })).toBeNull();
    expect(within(table).getAllByRole('row')).toHaveLength(5);
  });

  it('sorts by size, largest first on a second click', async () => {
    renderWithClient(<ImageLayers image="web:1" />, () => result());
    const table = await screen.findByRole('table', { name: 'Layers' });
    await userEvent.click(within(table).getByRole('button', { name: 'Size' }));
    await userEvent.click(within(table).getByRole('button', { name: 'Size' }));
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.getAttribute('aria-label'));
    expect(names.slice(0, 3)).toEqual([
      'Step 1: ADD file:base in /',
      'Step 2: RUN head -c 300000 /dev/urandom > /big',
      'Step 4: RUN head -c 40000 /dev/urandom > /small',
    ]);
  });

  it('says when the match of steps to layers is a guess, and shows a refusal as its sentence', async () => {
    renderWithClient(<ImageLayers image="web:1" />, () => result(false));
    expect(await screen.findByText(/Berth's best reading/)).toBeTruthy();
    cleanup();
    renderWithClient(<ImageLayers image="gone:1" />, () =>
      refuse({ kind: 'not-found', message: 'Could not read the history of image "gone:1": no such image.' }),
    );
    expect(await screen.findByText('Could not read the history of image "gone:1": no such image.')).toBeTruthy();
  });
});
