// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, num } from './DataTable';

afterEach(cleanup);

describe('DataTable', () => {
  it('is a table named by its label, with its column heads in order and the rows given', () => {
    render(
      <DataTable label="Disk usage by kind" columns={['Kind', num('Size')]}>
        <tr aria-label="Images">
          <td>Images</td>
          <td className="num">1 MB</td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByRole('table', { name: 'Disk usage by kind' });
    expect(table.className).toBe('data-table');
    const heads = within(table).getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual(['Kind', 'Size']);
    expect(heads[1]!.className).toBe('num');
    expect(within(table).getByRole('row', { name: 'Images' })).toBeTruthy();
  });

  it('adds an Actions column named for screen readers only, and the extra classes', () => {
    render(
      <DataTable label="Files" columns={['Name']} actions className="kube-small-table">
        <tr aria-label="a.txt">
          <td>a.txt</td>
          <td>
            <button type="button">Download</button>
          </td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByRole('table', { name: 'Files' });
    expect(table.className).toBe('data-table kube-small-table');
    const actions = within(table).getByRole('columnheader', { name: 'Actions' });
    expect(actions.querySelector('.visually-hidden')?.textContent).toBe('Actions');
  });

  it('has no Actions column unless asked', () => {
    render(
      <DataTable label="Settings that change" columns={['Setting', 'Now']}>
        {null}
      </DataTable>,
    );
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });
});
