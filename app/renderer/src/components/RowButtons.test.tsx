// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RowButtons } from './RowButtons';

afterEach(cleanup);

describe('RowButtons', () => {
  it('names every button by its label; secondary ones are also in More actions', async () => {
    const clicked: string[] = [];
    const b = (label: string, secondary = false) => ({ label, secondary, onClick: () => clicked.push(label) });
    render(<RowButtons owner="app:latest" buttons={[b('Run'), b('Tag', true), b('Push', true), b('Remove')]} />);
    expect(screen.getAllByRole('button').map((x) => x.getAttribute('aria-label'))).toEqual([
      'Run',
      'Tag',
      'Push',
      'Remove',
      'More actions',
    ]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    const menu = screen.getByRole('menu', { name: 'More actions for app:latest' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Tag', 'Push']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Push' }));
    expect(clicked).toEqual(['Push']);
  });

  it('has no More actions when every button is a main one', () => {
    render(<RowButtons buttons={[{ label: 'Connect', onClick: () => undefined }]} />);
    expect(screen.queryByRole('button', { name: 'More actions' })).toBeNull();
  });
});
