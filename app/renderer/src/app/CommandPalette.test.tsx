// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerSummary, RequestName } from '../../../shared/contract';
import { refuse, renderWithClient } from '../test-support/render';
import { CommandPalette } from './CommandPalette';
import { paletteEntries } from './palette-entries';
import { useUi } from './ui-store';

const box = (name: string, state: ContainerSummary['state'], id = name.padEnd(12, '0')) =>
  ({ id, name, state, image: 'busybox', labels: {}, ports: [] }) as unknown as ContainerSummary;
const containers = [box('web', 'running'), box('db', 'exited'), box('cache', 'paused'), box('website-old', 'running')];

beforeEach(async () => {
  location.hash = '';
  // the hashchange of that reset is heard before the palette opens, or it would close it
  await new Promise((done) => setTimeout(done, 10));
  useUi.setState({ paletteOpen: true, toasts: [], tasksOpen: false });
});
afterEach(() => {
  cleanup();
  useUi.setState({ paletteOpen: false });
});

function setup(answer: (m: RequestName, a: unknown) => unknown = () => undefined) {
  const user = userEvent.setup();
  const r = renderWithClient(<CommandPalette />, (method, args) => {
    if (method === 'containers.list') return containers;
    if (method === 'images.list') return [];
    if (method === 'volumes.list') return [];
    return answer(method, args);
  });
  return { user, r, search: () => screen.getByRole('combobox', { name: 'Search Berth' }) };
}

describe('paletteEntries', () => {
  const data = { containers, images: [], volumes: [] };
  it('offers the actions a container’s state allows, best matches first', () => {
    expect(paletteEntries('web', data).map((e) => e.label)).toEqual([
      'web',
      'Stop web',
      'Restart web',
      'Logs of web',
      'Terminal in web',
      'website-old',
      'Stop website-old',
      'Restart website-old',
      'Logs of website-old',
      'Terminal in website-old',
      'Pull image web',
    ]);
    expect(paletteEntries('db', data).map((e) => e.label)).toEqual(['db', 'Start db', 'Logs of db', 'Pull image db']);
    expect(paletteEntries('cache', data).map((e) => e.label)).toContain('Resume cache');
  });

  it('offers a pull only for what reads as an image reference', () => {
    expect(paletteEntries('nginx:1.27', data).at(-1)?.action).toEqual({ kind: 'pull', ref: 'nginx:1.27' });
    expect(paletteEntries('stop web', data).some((e) => e.action.kind === 'pull')).toBe(false);
  });
});

describe('the command palette', () => {
  it('stops a container by name and says so', async () => {
    const { user, r, search } = setup();
    await user.type(search(), 'stop web');
    await waitFor(() => expect(screen.getAllByRole('option')[0]?.textContent).toMatch(/^Stop web/));
    await user.keyboard('{Enter}');
    expect(r.callsTo('containers.stop')).toEqual([{ id: containers[0]!.id }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(useUi.getState().toasts.map((t) => t.text)).toEqual(['Stopped web.']));
  });

  it('starts one with the arrows, and says why when the engine refuses', async () => {
    const { user, search } = setup((m) =>
      m === 'containers.start'
        ? refuse({ kind: 'conflict', message: 'Could not start container "db": its port is in use.' })
        : undefined,
    );
    await user.type(search(), 'db');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(4));
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(useUi.getState().toasts.map((t) => t.text)).toEqual([
        'Could not start container "db": its port is in use.',
      ]),
    );
  });

  it('opens a container’s logs and terminal', async () => {
    const { user, search } = setup();
    await user.type(search(), 'terminal in web');
    await waitFor(() => expect(screen.getAllByRole('option')[0]?.textContent).toMatch(/^Terminal in web/));
    await user.keyboard('{Enter}');
    expect(location.hash).toBe(`#/containers/${containers[0]!.id}/terminal`);
    useUi.setState({ paletteOpen: true });
    await user.type(await screen.findByRole('combobox', { name: 'Search Berth' }), 'logs of db');
    await user.click(await screen.findByRole('option', { name: /^Logs of db/ }));
    expect(location.hash).toBe(`#/containers/${containers[1]!.id}/logs`);
  });

  it('pulls an image by its reference and opens the task centre', async () => {
    const { user, r, search } = setup((m) => (m === 'images.pull' ? { id: 't' } : undefined));
    await user.type(search(), 'registry.local/app:2');
    await user.click(await screen.findByRole('option', { name: /Pull image registry.local\/app:2/ }));
    expect(r.callsTo('images.pull')).toEqual([{ ref: 'registry.local/app:2' }]);
    await waitFor(() => expect(useUi.getState().tasksOpen).toBe(true));
  });

  it('closes on Escape from anywhere, and on a click outside', async () => {
    const { user } = setup();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useUi.getState().paletteOpen).toBe(false);
    useUi.setState({ paletteOpen: true });
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.click(document.querySelector('.modal-backdrop')!);
    expect(useUi.getState().paletteOpen).toBe(false);
  });
});
