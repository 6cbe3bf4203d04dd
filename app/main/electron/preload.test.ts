import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, type BerthBridge } from '../../shared/contract';

// Fake Electron (the binary is absent here): the preload sees only these two objects.
const exposed = new Map<string, unknown>();
const fakeIpcRenderer = Object.assign(new EventEmitter(), { send: vi.fn() });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: fakeIpcRenderer,
}));

await import('./preload');

describe('preload (fake contextBridge and ipcRenderer: Electron binary absent here)', () => {
  const bridge = exposed.get('berth') as BerthBridge;

  it('exposes exactly one object, window.berth, with exactly the BerthBridge surface', () => {
    expect([...exposed.keys()]).toEqual(['berth']);
    expect(Object.keys(bridge).sort()).toEqual(['onFrame', 'send', 'transport']);
    expect(bridge.transport).toBe('ipc');
    expect(typeof bridge.send).toBe('function');
    expect(typeof bridge.onFrame).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('never hands out ipcRenderer or anything reaching it', () => {
    const values = Object.values(bridge);
    expect(values).not.toContain(fakeIpcRenderer);
    expect(values.some((v) => v && typeof v === 'object')).toBe(false);
  });

  it('sends frames unchanged on the contract channel', () => {
    bridge.send({ t: 'req', id: 1, method: 'containers.list', args: { all: true } });
    expect(fakeIpcRenderer.send).toHaveBeenCalledWith(IPC_CHANNEL, {
      t: 'req',
      id: 1,
      method: 'containers.list',
      args: { all: true },
    });
  });

  it('passes bytes both ways as they are (no encoding)', () => {
    const data = new Uint8Array([0, 255, 10]);
    bridge.send({ t: 'in', id: 4, data: { type: 'bytes', data } });
    expect(fakeIpcRenderer.send).toHaveBeenLastCalledWith(IPC_CHANNEL, {
      t: 'in',
      id: 4,
      data: { type: 'bytes', data },
    });
    expect((fakeIpcRenderer.send.mock.lastCall![1] as { data: { data: unknown } }).data.data).toBe(data);
    const got = vi.fn();
    const off = bridge.onFrame(got);
    const frame = { t: 'data', id: 4, seq: 1, items: [{ type: 'bytes', data }] };
    fakeIpcRenderer.emit(IPC_CHANNEL, {}, frame);
    expect(got.mock.calls[0]![0].items[0].data).toBe(data);
    off();
  });

  it('delivers frames to the one listener without the IPC event, and unsubscribes', () => {
    const first = vi.fn();
    const second = vi.fn();
    bridge.onFrame(first);
    const off = bridge.onFrame(second); // replaces the first
    const frame = { t: 'res', id: 1, ok: true, result: [] };
    fakeIpcRenderer.emit(IPC_CHANNEL, { sender: fakeIpcRenderer, ports: [] }, frame);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(frame);
    expect(second.mock.calls[0]).toHaveLength(1);
    off();
    fakeIpcRenderer.emit(IPC_CHANNEL, {}, frame);
    expect(second).toHaveBeenCalledOnce();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onFrame('x' as never)).toThrow('onFrame needs a function.');
  });
});
