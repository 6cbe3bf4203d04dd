// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { renderWithClient } from '../../test/scripted-client';
import { ContainerStatus } from './ContainerStatus';
import { RowActions } from './RowActions';
import { usePendingStore } from './use-container-action';

const ID = 'f'.repeat(64);
const web = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: ID,
  name: 'web',
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state: 'running',
  status: 'Up 3 minutes',
  ports: [],
  labels: {},
  networks: [],
  mounts: [],
  ...over,
});

/** The row as the list shows it: from the cached containers.list. */
function Row() {
  const c = useRequest('containers.list', { all: true }).data?.[0];
  if (!c) return null;
  return (
    <div role="row" aria-label={c.name}>
      <ContainerStatus c={c} />
      <RowActions container={c} onRemove={() => undefined} />
    </div>
  );
}

async function mount(initial: ContainerSummary) {
  const t = renderWithClient(<Row />);
  await act(async () => t.reply('containers.list', [initial]));
  await screen.findByRole('group', { name: 'Actions for web' });
  return t;
}

afterEach(() => {
  cleanup();
  useUi.setState({ toasts: [] });
  usePendingStore.setState({ pending: new Map() });
});

describe('RowActions', () => {
  it('shows the actions a running container has, and More actions', async () => {
    await mount(web());
    const group = screen.getByRole('group', { name: 'Actions for web' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Stop', 'Restart', 'Pause', 'Logs', 'Terminal', 'Inspect', 'Remove', 'More actions']);
  });

  it('a paused container offers Resume, a stopped one Start and no Terminal', async () => {
    await mount(web({ state: 'paused' }));
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    cleanup();
    await mount(web({ state: 'exited', status: 'Exited (0) 1 minute ago' }));
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Terminal' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows that Stop is working until the row says what the engine says', async () => {
    const t = await mount(web());
    await userEvent.setup().click(screen.getByRole('button', { name: 'Stop' }));
    const stop = screen.getByRole('button', { name: 'Stop' });
    expect(stop.getAttribute('aria-busy')).toBe('true');
    expect((stop as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remove' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Stopping…')).toBeTruthy();
    expect(t.sent.at(-1)).toMatchObject({ method: 'containers.stop', args: { id: ID } });
    await act(async () => t.reply('containers.stop', null));
    // After the reply, the container is read again; still working until that read is in.
    expect(t.sent.at(-1)).toMatchObject({ method: 'containers.summary', args: { id: ID } });
    expect(screen.getByText('Stopping…')).toBeTruthy();
    await act(async () =>
      t.reply('containers.summary', web({ state: 'exited', status: 'Exited (137) 1 second ago', exitCode: 137 })),
    );
    await waitFor(() => expect(screen.queryByText('Stopping…')).toBeNull());
    expect(screen.getByText('exited')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start' }).getAttribute('aria-busy')).toBeNull();
  });

  it('a failure is a toast that names the container by its name, not its id, and the row is read again', async () => {
    const t = await mount(web());
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pause' }));
    await act(async () =>
      t.fail('containers.pause', {
        kind: 'conflict',
        message: `Could not pause container "${ID}": the container is already paused.`,
      }),
    );
    expect(useUi.getState().toasts.map((x) => x.text)).toEqual([
      'Could not pause container "web": the container is already paused.',
    ]);
    expect(t.sent.at(-1)).toMatchObject({ method: 'containers.summary' });
    await act(async () => t.reply('containers.summary', web({ state: 'paused', status: 'Up 3 minutes (Paused)' })));
    await screen.findByRole('button', { name: 'Resume' });
  });

  it('More actions lists the tabs and, for a compose container, its project', async () => {
    await mount(web({ compose: { project: 'shop', service: 'web' } }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'More actions' }));
    const menu = screen.getByRole('menu', { name: 'More actions for web' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Logs', 'Terminal', 'Inspect', 'Stats', 'Files', 'Processes', 'Compose project shop']);
    expect(within(menu).getByRole('menuitem', { name: 'Compose project shop' }).getAttribute('href')).toBe(
      '#/compose/shop',
    );
  });
});

describe('ContainerStatus', () => {
  it('shows health, restarts and an OOM kill beside the state', async () => {
    await mount(
      web({ state: 'exited', status: 'Exited (137) 1 minute ago', exitCode: 137, oomKilled: true, restartCount: 2 }),
    );
    expect(screen.getByText('OOM killed')).toBeTruthy();
    expect(screen.getByText('2 restarts')).toBeTruthy();
    expect(screen.getByTitle(/killed for want of memory/)).toBeTruthy();
  });

  it('ticks: "Up" counts on without any new data', async () => {
    const started = Date.now() - 5_000;
    await mount(web({ startedAt: started, status: 'Up 5 seconds', health: 'healthy' }));
    expect(screen.getByText(/^Up [56] seconds$/)).toBeTruthy();
    expect(screen.getByText('healthy')).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/^Up [78] seconds$/)).toBeTruthy(), { timeout: 3500 });
  });
});
