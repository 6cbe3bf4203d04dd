import { describe, expect, it, vi } from 'vitest';
import { shutdownBackend } from './shutdown';
import { engineStatus, fakeBackend } from './testing/fakes';

describe('clean quit', () => {
  it('closes the backend (streams ended, managed engine stopped) when the setting says stop', async () => {
    const fb = fakeBackend();
    expect(await shutdownBackend(fb, 'stop')).toBe('done');
    expect(fb.closed).toBe(true);
  });

  it('leaves a managed engine running when the setting says leave: only Berth’s own use of it ends', async () => {
    const fb = fakeBackend();
    const cancelAll = vi.spyOn(fb.api.tasks, 'cancelAll');
    const engineClose = vi.spyOn(fb.api.engine, 'close');
    expect(await shutdownBackend(fb, 'leave')).toBe('done');
    expect(fb.closed).toBe(false);
    expect(cancelAll).toHaveBeenCalledOnce();
    expect(engineClose).toHaveBeenCalledOnce();
  });

  it('closes an external engine connection fully either way (Berth never stops an engine it does not manage)', async () => {
    const fb = fakeBackend(engineStatus({ kind: 'external', managed: false }));
    await shutdownBackend(fb, 'leave');
    expect(fb.closed).toBe(true);
  });

  it('gives up after the timeout so a stuck engine cannot keep Berth open', async () => {
    const fb = fakeBackend();
    fb.close = () => new Promise(() => undefined);
    expect(await shutdownBackend(fb, 'stop', 20)).toBe('timed-out');
  });
});
