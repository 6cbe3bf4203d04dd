import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { claimSingleInstance } from './single-instance';

/** A fake of the three `app` members single-instance handling uses (Electron binary absent here). */
function fakeApp(gotLock: boolean) {
  const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });
  return { app, asElectron: app as unknown as Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'> };
}

describe('single instance (fake Electron app: binary absent here)', () => {
  it('the second launch quits at once without opening anything', () => {
    const { app, asElectron } = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(asElectron, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance shows its window when launched again', () => {
    const { app, asElectron } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(asElectron, onSecond)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['/usr/bin/berth'], '/home/me');
    expect(onSecond).toHaveBeenCalledWith(undefined);
  });

  it("passes the second launch's deep link on as a page route", () => {
    const { app, asElectron } = fakeApp(true);
    const onSecond = vi.fn();
    claimSingleInstance(asElectron, onSecond);
    app.emit('second-instance', {}, ['/usr/bin/berth', '--no-sandbox', 'berth://containers/abc123/logs'], '/');
    expect(onSecond).toHaveBeenLastCalledWith('#/containers/abc123/logs');
    app.emit('second-instance', {}, ['/usr/bin/berth', 'berth://../../etc/passwd'], '/');
    expect(onSecond).toHaveBeenLastCalledWith(undefined);
  });
});
