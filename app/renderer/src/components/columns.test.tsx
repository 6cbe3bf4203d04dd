// @vitest-environment happy-dom
// The shared column factories: what each shows, what it sorts by, and what a page may override.
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesColumn, fieldColumn, linkColumn, longTextColumn, namesColumn } from './columns';
import { formatBytes } from './format';

afterEach(cleanup);

interface Thing {
  name: string;
  count: number;
  users: string[];
  size?: number;
}
const thing: Thing = { name: 'web', count: 3, users: ['a', 'b'], size: 2048 };
const bare: Thing = { name: 'db', count: 0, users: [] };
const cell = (node: ReactNode) => render(<div data-testid="cell">{node}</div>).getByTestId('cell');

describe('column factories', () => {
  it('fieldColumn shows and sorts by the field, taking what the page adds', () => {
    const c = fieldColumn<Thing>('Count', (t) => t.count, { priority: 2, className: 'num' });
    expect(c).toMatchObject({ label: 'Count', priority: 2, className: 'num' });
    expect(c.value!(thing)).toBe(3);
    expect(cell(c.render(thing)).textContent).toBe('3');
  });

  it('linkColumn links the name to the row page and sorts by the name', () => {
    const c = linkColumn<Thing>('Name', (t) => t.name, 'swarm', 'stacks');
    expect(c).toMatchObject({ label: 'Name', className: 'name-cell' });
    expect(c.value!(thing)).toBe('web');
    cell(c.render(thing));
    expect(screen.getByRole('link', { name: 'web' }).getAttribute('href')).toBe('#/swarm/stacks/web');
  });

  it('longTextColumn grows, keeps the whole text in its tooltip, is monospace if asked and adds its note', () => {
    const plain = longTextColumn<Thing>('Name', (t) => t.name);
    expect(plain).toMatchObject({ label: 'Name', grow: true });
    expect(plain.value!(thing)).toBe('web');
    const span = cell(plain.render(thing)).firstElementChild!;
    expect(span.getAttribute('title')).toBe('web');
    expect(span.getAttribute('class')).toBeNull();
    cleanup();
    const mono = longTextColumn<Thing>('Name', (t) => t.name, { mono: true, after: (t) => ` (${t.count})` });
    const monoSpan = cell(mono.render(thing)).firstElementChild!;
    expect(monoSpan.getAttribute('class')).toBe('mono small');
    expect(monoSpan.textContent).toBe('web (3)');
    expect(monoSpan.getAttribute('title')).toBe('web');
  });

  it('namesColumn lists the names (all in the tooltip), says `none` when empty and sorts by how many', () => {
    const c = namesColumn<Thing>('Used by', (t) => t.users, 'unused');
    expect(c).toMatchObject({ label: 'Used by', className: 'col-list' });
    expect([c.value!(thing), c.value!(bare)]).toEqual([2, 0]);
    const used = cell(c.render(thing)).firstElementChild!;
    expect([used.textContent, used.getAttribute('title')]).toEqual(['a, b', 'a, b']);
    cleanup();
    const unused = cell(c.render(bare)).firstElementChild!;
    expect([unused.textContent, unused.getAttribute('class')]).toEqual(['unused', 'muted']);
    const byName = namesColumn<Thing>('Users', (t) => t.users, 'none', { value: (t) => t.users.join(', ') });
    expect(byName.value!(thing)).toBe('a, b');
  });

  it('bytesColumn formats bytes, shows — while unknown and sorts the unknown first', () => {
    const c = bytesColumn<Thing>('Size', (t) => t.size);
    expect(c).toMatchObject({ label: 'Size', className: 'num' });
    expect([c.value!(thing), c.value!(bare)]).toEqual([2048, -1]);
    expect(cell(c.render(thing)).textContent).toBe(formatBytes(2048));
    cleanup();
    expect(cell(c.render(bare)).textContent).toBe('—');
    expect(bytesColumn<Thing>('Size', (t) => t.size, { className: 'num nowrap' }).className).toBe('num nowrap');
  });
});
