import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '../types';
import { hostHandlers } from './host';

const ctx = (extra: Partial<HandlerContext>) => ({ signal: new AbortController().signal, ...extra }) as HandlerContext;
const opts = { kind: 'file' as const, title: 'Open a compose file', filters: [] };

describe('host.* handlers', () => {
  it('say the browser has no file picker, with a sentence on what to do', async () => {
    await expect(hostHandlers['host.capabilities']({}, ctx({}))).resolves.toEqual({ filePicker: false });
    await expect(hostHandlers['host.pick'](opts, ctx({}))).rejects.toMatchObject({
      kind: 'invalid',
      message: /type the path/,
    });
  });

  it('hand the desktop shell’s picker result back, null when cancelled', async () => {
    let answer: string | undefined = '/home/me/app/compose.yaml';
    const dialogs = { pick: async () => answer };
    await expect(hostHandlers['host.capabilities']({}, ctx({ dialogs }))).resolves.toEqual({ filePicker: true });
    await expect(hostHandlers['host.pick'](opts, ctx({ dialogs }))).resolves.toEqual({
      path: '/home/me/app/compose.yaml',
    });
    answer = undefined;
    await expect(hostHandlers['host.pick'](opts, ctx({ dialogs }))).resolves.toEqual({ path: null });
  });
});
