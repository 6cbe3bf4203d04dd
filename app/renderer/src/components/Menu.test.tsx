// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MenuButton } from './Menu';

afterEach(cleanup);

function setup() {
  const chosen: string[] = [];
  const items = ['Logs', 'Terminal', 'Inspect'].map((label) => ({ label, onSelect: () => chosen.push(label) }));
  render(
    <>
      <MenuButton
        label="More actions"
        menuLabel="More actions for web"
        items={[...items, { label: 'Stats', disabled: true }]}
      >
        ⋮
      </MenuButton>
      <button type="button">Elsewhere</button>
    </>,
  );
  return { chosen, user: userEvent.setup(), button: screen.getByRole('button', { name: 'More actions' }) };
}

/** Presses `keys` and says which item then has the focus. */
async function focusAfter(user: ReturnType<typeof userEvent.setup>, keys: string) {
  await user.keyboard(keys);
  return document.activeElement?.textContent;
}

describe('MenuButton (menu pattern)', () => {
  it('is a menu button: closed, then open with its items on click', async () => {
    const { user, button } = setup();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(screen.queryByRole('menu')).toBeNull();
    await user.click(button);
    const menu = screen.getByRole('menu', { name: 'More actions for web' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Logs', 'Terminal', 'Inspect', 'Stats']);
    expect(menu).toBeTruthy();
  });

  it('opens from the keyboard on the first item, arrows move and wrap, Home and End jump', async () => {
    const { user, button } = setup();
    button.focus();
    const keys = ['{ArrowDown}', '{ArrowDown}{ArrowDown}', '{ArrowDown}{ArrowDown}', '{ArrowUp}', '{Home}', '{End}'];
    const path = [];
    for (const k of keys) path.push(await focusAfter(user, k));
    expect(path).toEqual(['Logs', 'Inspect', 'Logs', 'Stats', 'Logs', 'Stats']);
  });

  it('ArrowUp on the button opens on the last item; a first letter jumps to its item', async () => {
    const { user, button } = setup();
    button.focus();
    expect(await focusAfter(user, '{ArrowUp}')).toBe('Stats');
    expect(await focusAfter(user, 't')).toBe('Terminal');
  });

  it('Enter chooses, closes and gives focus back to the button', async () => {
    const { user, button, chosen } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(chosen).toEqual(['Terminal']);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('Escape and Tab close it and give focus back to the button', async () => {
    const { user, button, chosen } = setup();
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{Tab}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(chosen).toEqual([]);
  });

  it('a disabled item is announced as such and does nothing; a click elsewhere closes', async () => {
    const { user, button, chosen } = setup();
    await user.click(button);
    const stats = screen.getByRole('menuitem', { name: 'Stats' });
    expect(stats.getAttribute('aria-disabled')).toBe('true');
    await user.click(stats);
    expect(chosen).toEqual([]);
    expect(screen.getByRole('menu')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('renders links for href items (external ones in a new tab)', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(
      <MenuButton
        label="All 3 ports of web"
        menuLabel="Ports of web"
        items={[{ label: '8080:80', href: 'http://localhost:8080', external: true, onSelect }]}
      >
        +2
      </MenuButton>,
    );
    await user.click(screen.getByRole('button', { name: 'All 3 ports of web' }));
    const link = screen.getByRole('menuitem', { name: '8080:80' });
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe('http://localhost:8080');
    expect(link.getAttribute('target')).toBe('_blank');
  });
});
