import { describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../shared/errors';
import { defaultSettings } from '../settings/store';
import { container, fakeBackend } from './testing/fakes';
import { runTrayAction, type TrayActionDeps } from './tray-actions';
import { buildTrayMenu, type TrayMenuItem } from './tray-menu-model';

function deps(fb = fakeBackend()) {
  const d = {
    api: fb.api,
    handlers: fb.handlers,
    showRoute: vi.fn(),
    openExternal: vi.fn(),
    quit: vi.fn(),
    reportError: vi.fn(),
  } satisfies TrayActionDeps;
  return { fb, d };
}

const flat = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('tray actions', () => {
  it("each item's action reaches the right contract handler with the right arguments", async () => {
    const { fb, d } = deps();
    const web = container({ id: 'web1', name: 'web', ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] });
    const old = container({ id: 'old1', name: 'old', state: 'exited' });
    const menu = buildTrayMenu({
      engine: fb.api.engine.status(),
      containers: [web, old],
      settings: { tray: defaultSettings().tray },
    });
    const click = async (path: string[]) => {
      let items = menu;
      let item: TrayMenuItem | undefined;
      for (const label of path) {
        item = items.find((i) => i.label === label);
        items = item?.submenu ?? [];
      }
      await runTrayAction(d, item!.action!);
    };
    await click(['Stop engine']);
    await click(['Restart engine']);
    await click(['web', 'Stop']);
    await click(['web', 'Restart']);
    await click(['Stopped containers (1)', 'old', 'Start']);
    expect(fb.calls).toEqual([
      { method: 'engine.stop', args: {} },
      { method: 'engine.restart', args: {} },
      { method: 'containers.stop', args: { id: 'web1' } },
      { method: 'containers.restart', args: { id: 'web1' } },
      { method: 'containers.start', args: { id: 'old1' } },
    ]);
    await click(['web', 'Open terminal']);
    await click(['web', 'View logs']);
    await click(['Settings…']);
    expect(d.showRoute.mock.calls).toEqual([
      ['#/containers/web1/terminal'],
      ['#/containers/web1/logs'],
      ['#/settings'],
    ]);
    await click(['web', 'Open http://localhost:8080']);
    expect(d.openExternal).toHaveBeenCalledWith('http://localhost:8080/');
    await click(['Quit Berth']);
    expect(d.quit).toHaveBeenCalledOnce();
    expect(d.reportError).not.toHaveBeenCalled();
    // Every action in the menu is one of the kinds performed above.
    for (const i of flat(menu))
      if (i.action) expect(Object.keys(i.action)[0]).toMatch(/^(request|requests|open|openExternal|quit)$/);
  });

  it('validates arguments as the contract does: a bad id never reaches the handler', async () => {
    const { fb, d } = deps();
    await runTrayAction(d, { request: 'containers.stop', args: { id: 'not a valid id!' } });
    expect(fb.calls).toEqual([]);
    expect(d.reportError).toHaveBeenCalledOnce();
  });

  it('reports a failed request as a plain sentence', async () => {
    const { fb, d } = deps();
    fb.failWith('containers.stop', new BerthError({ kind: 'conflict', message: 'The container is already stopped.' }));
    await runTrayAction(d, { request: 'containers.stop', args: { id: 'abc' } });
    expect(d.reportError).toHaveBeenCalledWith('Could not stop the container', 'The container is already stopped.');
  });

  it("runs a compose project's requests together and reports partial failure once", async () => {
    const { fb, d } = deps();
    fb.failWith('containers.start', new BerthError({ kind: 'conflict', message: 'Port 8080 is already allocated.' }));
    await runTrayAction(d, {
      requests: [
        { request: 'containers.start', args: { id: 'a' } },
        { request: 'containers.start', args: { id: 'b' } },
      ],
      label: 'Starting shop',
    });
    expect(fb.calls).toHaveLength(2);
    expect(d.reportError).toHaveBeenCalledWith(
      'Starting shop did not fully succeed',
      'Port 8080 is already allocated. (and 1 more)',
    );
  });

  it('never opens a non-http link and never opens a page outside the renderer routes', async () => {
    const { d } = deps();
    await runTrayAction(d, { openExternal: 'file:///etc/passwd' });
    await runTrayAction(d, { openExternal: 'javascript:alert(1)' });
    expect(d.openExternal).not.toHaveBeenCalled();
    expect(d.reportError).toHaveBeenCalledWith('Link not opened', 'Berth only opens http and https links.');
    await runTrayAction(d, { open: '#/../../etc' });
    expect(d.showRoute).not.toHaveBeenCalled();
  });
});
