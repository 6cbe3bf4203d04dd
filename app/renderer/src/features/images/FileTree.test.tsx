// @vitest-environment happy-dom
// The final file tree: a treegrid whose rows are named by path, folders open and shut by click and
// by keys (Right/Left/Enter, Up/Down/Home/End move, one row in the tab order), links show targets.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileTree } from './FileTree';
import { files } from './layer-files-fixture';

afterEach(cleanup);

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight!));

const names = () =>
  within(screen.getByRole('treegrid', { name: 'Final file tree' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label'));

describe('FileTree', () => {
  it('opens and shuts folders by click and keyboard, moving one focusable row', async () => {
    render(<FileTree tree={files().tree} stepOf={[1, 2, 4, 5]} />);
    expect(names()).toEqual(['/bin', '/etc', '/one']);
    const bin = screen.getByRole('row', { name: '/bin' });
    expect(bin.getAttribute('aria-expanded')).toBe('false');
    expect(bin.getAttribute('aria-level')).toBe('1');
    expect(screen.getByRole('row', { name: '/one' }).hasAttribute('aria-expanded')).toBe(false);
    expect(screen.getByRole('row', { name: '/one' }).textContent).toContain('step 4');

    // Tab reaches the first row; Right opens it, Right again goes in
    await userEvent.tab();
    expect(document.activeElement).toBe(bin);
    await userEvent.keyboard('{ArrowRight}');
    expect(names()).toEqual(['/bin', '/bin/busybox', '/bin/sh', '/etc', '/one']);
    expect(screen.getByRole('row', { name: '/bin' }).getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    const sh = screen.getByRole('row', { name: '/bin/sh' });
    expect(document.activeElement).toBe(sh);
    expect(sh.getAttribute('aria-level')).toBe('2');
    expect(sh.textContent).toContain('→ bin/busybox');
    expect(sh.getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('row', { name: '/bin' }).getAttribute('tabindex')).toBe('-1');
    // Left goes up to the folder, Left again shuts it
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(screen.getByRole('row', { name: '/bin' }));
    await userEvent.keyboard('{ArrowLeft}');
    expect(names()).toEqual(['/bin', '/etc', '/one']);
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('row', { name: '/one' }));
    await userEvent.keyboard('{Home}{Enter}');
    expect(names()).toHaveLength(5);
    // a click shuts it again
    await userEvent.click(screen.getByRole('row', { name: '/bin' }));
    expect(names()).toEqual(['/bin', '/etc', '/one']);
  });

  it('says when the file system is empty', () => {
    render(<FileTree tree={{ name: '/', kind: 'dir', size: 0, mode: 0o755, layer: 0, children: [] }} stepOf={[]} />);
    expect(screen.getByText("The image's file system is empty.")).toBeTruthy();
  });
});
