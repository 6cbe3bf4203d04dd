// @vitest-environment happy-dom
// ObjectTable with its shared parts (sortable headings, the hidden Actions heading, virtual rows):
// rows named by their object, a sortable column's button flips the order, a plain one has no button.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fieldColumn } from './columns';
import { ObjectTable } from './ObjectTable';

afterEach(cleanup);

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight!));

interface Pet {
  name: string;
  age: number;
}
const pets: Pet[] = [
  { name: 'rex', age: 3 },
  { name: 'ada', age: 9 },
  { name: 'bo', age: 1 },
];
const names = () =>
  within(screen.getByRole('table', { name: 'Pets' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label'));

const table = {
  label: 'Pets',
  rows: pets,
  rowName: (p: Pet) => p.name,
  columns: [
    fieldColumn<Pet>('Name', (p) => p.name),
    fieldColumn<Pet>('Age', (p) => p.age),
    { label: 'Note', render: () => '' },
  ],
};
const patButton = (p: Pet) => <button type="button">Pat {p.name}</button>;

describe('ObjectTable', () => {
  it('sorts by the first column, then by the clicked one, again to flip the direction', async () => {
    render(<ObjectTable {...table} actions={patButton} />);
    expect(names()).toEqual(['ada', 'bo', 'rex']);
    const name = screen.getByRole('columnheader', { name: /^Name/ });
    expect(name.getAttribute('aria-sort')).toBe('ascending');
    expect(name.textContent).toBe('Name ▴');
    await userEvent.click(screen.getByRole('button', { name: /^Age/ }));
    expect(names()).toEqual(['bo', 'rex', 'ada']);
    expect(name.hasAttribute('aria-sort')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: /^Age/ }));
    expect(names()).toEqual(['ada', 'rex', 'bo']);
    const age = screen.getByRole('columnheader', { name: /^Age/ });
    expect([age.getAttribute('aria-sort'), age.textContent]).toEqual(['descending', 'Age ▾']);
  });

  it('a column without a sort value has no button; the row buttons sit under a hidden "Actions" heading', () => {
    render(<ObjectTable {...table} actions={patButton} />);
    expect(screen.getByRole('columnheader', { name: 'Note' }).querySelector('button')).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'Actions' }).textContent).toBe('Actions');
    expect(within(screen.getByRole('row', { name: 'rex' })).getByRole('button', { name: 'Pat rex' })).toBeTruthy();
  });

  it('has no Actions column when the page gives no row actions', () => {
    render(<ObjectTable {...table} />);
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });
});
