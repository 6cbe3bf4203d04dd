// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/contract';
import { renderWithClient } from '../test-support/render';
import { TaskCentre } from './TaskCentre';
import { useUi } from './ui-store';

beforeEach(async () => {
  location.hash = '';
  // the hashchange of that reset is heard before the popover opens, or it would close it
  await new Promise((done) => setTimeout(done, 10));
});
afterEach(() => {
  cleanup();
  useUi.getState().setTasksOpen(false);
});

// newest first, as the server lists them
const tasks: TaskInfo[] = [
  { id: 'p', kind: 'pull', title: 'Pull nginx:1', state: 'running', progress: { text: 'Pulling' }, started: 3 },
  {
    id: 'b',
    kind: 'build',
    title: 'Build web:1',
    state: 'done',
    progress: { text: 'Built web:1', log: ['Step 1/2', 'Step 2/2'] },
    started: 2,
  },
  { id: 'f', kind: 'push', title: 'Push web:1', state: 'failed', progress: {}, started: 1 },
];

function setup() {
  const user = userEvent.setup();
  let list = tasks;
  const r = renderWithClient(
    <>
      <TaskCentre />
      <button type="button">Elsewhere</button>
    </>,
    (method) => {
      if (method === 'tasks.list') return list;
      if (method === 'tasks.clear') {
        const cleared = list.filter((t) => t.state !== 'running').length;
        list = list.filter((t) => t.state === 'running');
        return { cleared };
      }
      return undefined;
    },
  );
  const toggle = () => screen.getByRole('button', { name: /^Tasks/ });
  return { user, r, toggle, panel: () => screen.queryByRole('region', { name: 'Tasks' }) };
}

describe('the task centre', () => {
  it('opens from its button, which says how many run', async () => {
    const { user, toggle, panel } = setup();
    await waitFor(() => expect(toggle().textContent).toBe('Tasks (1 running)'));
    await user.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(
      within(panel()!)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Pull nginx:1', 'Build web:1', 'Push web:1']);
  });

  it('closes on Escape and gives focus back to its button, also when focus had fallen to <body>', async () => {
    const { user, toggle, panel } = setup();
    await user.click(toggle());
    await user.keyboard('{Escape}');
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(toggle());
    await user.click(toggle());
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(panel()).toBeNull();
  });

  it('closes on a press outside it, not on one inside', async () => {
    const { user, toggle, panel } = setup();
    await user.click(toggle());
    await user.click(within(panel()!).getByRole('heading', { name: 'Tasks' }));
    expect(panel()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(panel()).toBeNull();
  });

  it('closes when the page changes', async () => {
    const { user, toggle, panel } = setup();
    await user.click(toggle());
    location.hash = '#/images';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(panel()).toBeNull());
  });

  it('keeps each log folded until asked for', async () => {
    const { user, toggle, panel } = setup();
    await user.click(toggle());
    const build = within(panel()!).getByRole('listitem', { name: 'Build web:1' });
    const fold = build.querySelector('details')!;
    expect(fold.open).toBe(false);
    expect(within(build).getByText('Log (2 lines)')).toBeTruthy();
    await user.click(within(build).getByText('Log (2 lines)'));
    expect(fold.open).toBe(true);
  });

  it('clears finished tasks and keeps the running one', async () => {
    const { user, r, toggle, panel } = setup();
    await user.click(toggle());
    await user.click(within(panel()!).getByRole('button', { name: 'Clear finished' }));
    await waitFor(() =>
      expect(
        within(panel()!)
          .getAllByRole('listitem')
          .map((li) => li.getAttribute('aria-label')),
      ).toEqual(['Pull nginx:1']),
    );
    expect(r.callsTo('tasks.clear')).toHaveLength(1);
    expect(within(panel()!).getByRole('button', { name: 'Clear finished' }).hasAttribute('disabled')).toBe(true);
    expect(within(panel()!).getByRole('button', { name: 'Cancel Pull nginx:1' })).toBeTruthy();
  });
});
