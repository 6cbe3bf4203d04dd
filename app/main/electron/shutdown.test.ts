import { describe, expect, it, vi } from 'vitest';
import { shutdownBackend } from './shutdown';

describe('clean quit', () => {
  it('closes the backend and stops the engine Berth started when the setting says stop', async () => {
    const close = vi.fn(async () => undefined);
    expect(await shutdownBackend({ close }, 'stop')).toBe('done');
    expect(close).toHaveBeenCalledWith({ stopEngine: true });
  });

  it('closes the backend but leaves the engine running when the setting says leave', async () => {
    const close = vi.fn(async () => undefined);
    expect(await shutdownBackend({ close }, 'leave')).toBe('done');
    expect(close).toHaveBeenCalledWith({ stopEngine: false });
  });

  it('still quits when closing fails', async () => {
    expect(await shutdownBackend({ close: async () => Promise.reject(new Error('gone')) }, 'stop')).toBe('done');
  });

  it('gives up after the timeout so a stuck engine cannot keep Berth open', async () => {
    expect(await shutdownBackend({ close: () => new Promise(() => undefined) }, 'stop', 20)).toBe('timed-out');
  });
});
