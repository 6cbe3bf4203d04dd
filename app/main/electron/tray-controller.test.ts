import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../shared/errors';
import { defaultSettings } from '../settings/store';
import { container, engineStatus, fakeBackend } from './testing/fakes';
import { TrayController, changesContainerList, type TrayView } from './tray-controller';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(initial = engineStatus()) {
  const fb = fakeBackend(initial);
  const views: TrayView[] = [];
  const controller = new TrayController({
    api: fb.api,
    handlers: fb.handlers,
    settings: defaultSettings(),
    render: (v) => views.push(v),
    debounceMs: 300,
  });
  const lists = () => fb.calls.filter((c) => c.method === 'containers.list').length;
  return { fb, views, controller, lists, last: () => views.at(-1)! };
}

describe('tray controller', () => {
  it('lists containers through the contract handler when the engine runs', async () => {
    const { fb, lists } = setup();
    await vi.runAllTimersAsync();
    expect(lists()).toBe(1);
    expect(fb.calls[0]).toEqual({ method: 'containers.list', args: { all: true } });
  });

  it('refetches after container events, debounced: a burst of events is one fetch', async () => {
    const { fb, lists, last } = setup();
    await vi.runAllTimersAsync();
    fb.containers = [container({ id: 'a', name: 'web' })];
    for (let i = 0; i < 20; i++) fb.emitEvent({ action: i % 2 ? 'start' : 'die', id: 'a' });
    await vi.advanceTimersByTimeAsync(299);
    expect(lists()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lists()).toBe(2);
    expect(last().state.containers?.map((c) => c.name)).toEqual(['web']);
  });

  it('never polls: no events, no fetches', async () => {
    const { lists } = setup();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(lists()).toBe(1);
  });

  it('ignores events that do not change the list (exec, image, health)', async () => {
    const { fb, lists } = setup();
    await vi.runAllTimersAsync();
    fb.emitEvent({ action: 'exec_start: sh', id: 'a' });
    fb.emitEvent({ type: 'image', action: 'pull', id: 'busybox' });
    fb.emitEvent({ action: 'health_status: healthy', id: 'a' });
    await vi.runAllTimersAsync();
    expect(lists()).toBe(1);
    expect(changesContainerList({ type: 'container', action: 'destroy', id: 'a', attributes: {}, time: 0 })).toBe(true);
  });

  it('follows the engine status: icon state and menu change, containers refetched when it comes back', async () => {
    const { fb, lists, last } = setup(engineStatus({ state: 'stopped' }));
    await vi.runAllTimersAsync();
    expect(lists()).toBe(0);
    expect(last().menu[0]!.label).toBe('Engine stopped (native)');
    fb.setStatus(engineStatus({ state: 'starting' }));
    expect(last().state.engine.state).toBe('starting');
    fb.setStatus(engineStatus({ state: 'running' }));
    await vi.runAllTimersAsync();
    expect(lists()).toBe(1);
    fb.setStatus(engineStatus({ state: 'stopped' }));
    expect(last().state.containers).toBeUndefined();
  });

  it('shows a failed list as a sentence in the menu', async () => {
    const fb = fakeBackend();
    fb.failWith('containers.list', new BerthError({ kind: 'unavailable', message: 'The engine is not responding.' }));
    const views: TrayView[] = [];
    new TrayController({
      api: fb.api,
      handlers: fb.handlers,
      settings: defaultSettings(),
      render: (v) => views.push(v),
    });
    await vi.runAllTimersAsync();
    expect(views.at(-1)!.menu.map((i) => i.label)).toContain(
      'Containers could not be listed: The engine is not responding.',
    );
  });

  it('applies changed settings and stops listening when closed', async () => {
    const { fb, controller, lists, last } = setup();
    await vi.runAllTimersAsync();
    fb.containers = [container({ id: 'a', state: 'exited' })];
    fb.emitEvent({ action: 'die', id: 'a' });
    await vi.runAllTimersAsync();
    expect(last().menu.some((i) => i.label.startsWith('Stopped'))).toBe(true);
    controller.setSettings({ ...defaultSettings(), tray: { showStopped: false, showCompose: true } });
    expect(last().menu.some((i) => i.label.startsWith('Stopped'))).toBe(false);
    controller.close();
    fb.emitEvent({ action: 'start', id: 'a' });
    await vi.runAllTimersAsync();
    expect(lists()).toBe(2);
  });
});
