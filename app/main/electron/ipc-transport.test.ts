import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, type ServerFrame } from '../../shared/contract';
import { attachIpcTransport, compactBytes, type TransportBackend } from './ipc-transport';
import { FakeFrame, FakeIpcMain, FakeWebContents } from './testing/fake-electron';
import { container, fakeBackend } from './testing/fakes';

const rendererDir = '/opt/berth/out/renderer';
const rendererUrl = `${pathToFileURL(`${rendererDir}/index.html`).href}#/containers`;
const where = { dir: rendererDir };

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(backend: TransportBackend | Promise<TransportBackend> = fakeBackend()) {
  const ipcMain = new FakeIpcMain();
  const windows = new Set<FakeWebContents>();
  const refused: string[] = [];
  const transport = attachIpcTransport({
    ipcMain: ipcMain.asElectron,
    backend,
    isBerthWindow: (c) => windows.has(c as unknown as FakeWebContents),
    where,
    onRefused: (r) => refused.push(r),
  });
  const window = (url = rendererUrl) => {
    const wc = new FakeWebContents(url);
    windows.add(wc);
    return wc;
  };
  const replies = (wc: FakeWebContents) =>
    wc.sent.filter((s) => s.channel === IPC_CHANNEL).map((s) => s.args[0] as ServerFrame);
  return { ipcMain, transport, window, refused, replies };
}

describe('Electron IPC transport (fake Electron: binary absent here)', () => {
  it('carries a request frame to the handlers and the response frame back', async () => {
    const fb = fakeBackend();
    fb.containers = [container({ id: 'abc', name: 'web' })];
    const { ipcMain, window, replies, transport } = setup(fb);
    const wc = window();
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id: 1, method: 'containers.list', args: { all: true } });
    await flush();
    expect(fb.calls).toEqual([{ method: 'containers.list', args: { all: true } }]);
    expect(replies(wc)).toEqual([{ t: 'res', id: 1, ok: true, result: fb.containers }]);
    expect(transport.sessions).toBe(1);
  });

  it('answers a malformed frame with an invalid error and stays usable', async () => {
    const { ipcMain, window, replies } = setup();
    const wc = window();
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'nonsense' });
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id: 2, method: 'engine.status', args: {} });
    await flush();
    const [first, second] = replies(wc);
    expect(first).toMatchObject({ t: 'error', error: { kind: 'invalid' } });
    expect(second).toMatchObject({ t: 'res', id: 2, ok: true });
  });

  it('refuses frames from a foreign page, a subframe, a window that is not Berth, or a vanished frame', async () => {
    const fb = fakeBackend();
    const { ipcMain, window, replies, refused } = setup(fb);
    const req = { t: 'req', id: 1, method: 'engine.status', args: {} };

    const foreign = window('https://evil.example/');
    ipcMain.deliver(IPC_CHANNEL, foreign, req);
    const otherFile = window('file:///home/me/Downloads/page.html');
    ipcMain.deliver(IPC_CHANNEL, otherFile, req);
    const berth = window();
    const sub = new FakeFrame(rendererUrl);
    sub.parent = berth.mainFrame;
    ipcMain.deliver(IPC_CHANNEL, berth, req, sub);
    ipcMain.deliver(IPC_CHANNEL, berth, req, null);
    const stranger = new FakeWebContents(rendererUrl); // not one of Berth's windows
    ipcMain.deliver(IPC_CHANNEL, stranger, req);
    await flush();

    expect(fb.calls).toEqual([]);
    for (const wc of [foreign, otherFile, berth, stranger]) expect(replies(wc)).toEqual([]);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toBe(
      'A message to Berth was ignored because the sender shows a foreign page (https://evil.example/).',
    );
    expect(refused.slice(2)).toEqual([
      'A message to Berth was ignored because the sender is not the main frame.',
      'A message to Berth was ignored because the sending frame is gone.',
      'A message to Berth was ignored because the sender is not a Berth window.',
    ]);
  });

  it('accepts the Vite dev server as the renderer when configured', async () => {
    const ipcMain = new FakeIpcMain();
    const wc = new FakeWebContents('http://localhost:5173/#/images');
    attachIpcTransport({
      ipcMain: ipcMain.asElectron,
      backend: fakeBackend(),
      isBerthWindow: () => true,
      where: { dir: rendererDir, devUrl: 'http://localhost:5173' },
    });
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id: 1, method: 'engine.status', args: {} });
    await flush();
    expect(wc.sent).toHaveLength(1);
  });

  /** A subscription whose stream never ends until aborted; tells whether it was cancelled. */
  function endlessEvents(fb: ReturnType<typeof fakeBackend>) {
    const aborted = vi.fn();
    fb.streams['engine.events'] = (_args, ctx) => {
      ctx.signal.addEventListener('abort', aborted);
      return {
        items: (async function* () {
          yield { type: 'container', action: 'start', id: 'a', attributes: {}, time: 1 };
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        })(),
      };
    };
    return aborted;
  }

  /** A window whose renderer subscribed, as `id`, to a never-ending engine.events stream. */
  function subscribedWindow(id: number) {
    const fb = fakeBackend();
    const aborted = endlessEvents(fb);
    const s = setup(fb);
    const wc = s.window();
    s.ipcMain.deliver(IPC_CHANNEL, wc, { t: 'sub', id, topic: 'engine.events', args: {} });
    return { ...s, wc, aborted };
  }

  it('streams subscription data to the renderer', async () => {
    const { wc, replies } = subscribedWindow(7);
    await new Promise((r) => setTimeout(r, 40));
    expect(replies(wc)[0]).toMatchObject({ t: 'data', id: 7, items: [{ action: 'start' }] });
  });

  it("closes a window's session when its webContents is destroyed: its streams are cancelled", async () => {
    const { wc, aborted, transport } = subscribedWindow(7);
    await flush();
    expect(transport.sessions).toBe(1);
    wc.destroy();
    expect(aborted).toHaveBeenCalledOnce();
    expect(transport.sessions).toBe(0);
  });

  it('closes the session when the renderer navigates (reload), and starts a fresh one after', async () => {
    const { ipcMain, wc, aborted, transport } = subscribedWindow(1);
    await flush();
    wc.navigate(rendererUrl);
    expect(aborted).toHaveBeenCalledOnce();
    expect(transport.sessions).toBe(0);
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id: 1, method: 'engine.status', args: {} });
    await flush();
    expect(transport.sessions).toBe(1);
  });

  it('waits for a backend that is still starting and keeps frame order', async () => {
    const fb = fakeBackend();
    let ready!: (b: TransportBackend) => void;
    const { ipcMain, window, replies } = setup(new Promise<TransportBackend>((r) => (ready = r)));
    const wc = window();
    for (let id = 1; id <= 3; id++)
      ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id, method: 'engine.status', args: {} });
    await flush();
    expect(replies(wc)).toEqual([]);
    ready(fb);
    await flush();
    await flush();
    expect(replies(wc).map((f) => (f as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it('answers with a sentence when the backend could not start', async () => {
    const { ipcMain, window, replies } = setup(Promise.reject(new Error('socket in use')));
    const wc = window();
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'req', id: 4, method: 'engine.status', args: {} });
    ipcMain.deliver(IPC_CHANNEL, wc, { t: 'sub', id: 5, topic: 'engine.events', args: {} });
    await flush();
    const [res, end] = replies(wc);
    expect(res).toMatchObject({ t: 'res', id: 4, ok: false, error: { kind: 'unavailable' } });
    expect((res as { error: { message: string } }).error.message).toMatch(/^Berth could not start its backend: /);
    expect(end).toMatchObject({ t: 'end', id: 5, error: { kind: 'unavailable' } });
  });

  it('stops listening and closes every session when closed', async () => {
    const { ipcMain, aborted, transport } = subscribedWindow(1);
    await flush();
    transport.close();
    expect(aborted).toHaveBeenCalledOnce();
    expect(ipcMain.listenerCount(IPC_CHANNEL)).toBe(0);
  });
});

describe('bytes over IPC', () => {
  it('sends a batch of bytes as Uint8Array, a view copied to exactly its bytes (structured clone copies whole buffers)', () => {
    const socketRead = new Uint8Array(64 * 1024).fill(7);
    const echo = socketRead.subarray(10, 11);
    const own = new Uint8Array([1, 2, 3]);
    const f = compactBytes({
      t: 'data',
      id: 1,
      seq: 1,
      items: [
        { type: 'bytes', data: echo },
        { type: 'bytes', data: own, stderr: true },
      ],
    }) as Extract<ServerFrame, { t: 'data' }>;
    const [a, b] = f.items as { data: Uint8Array; stderr?: true }[];
    expect(a!.data).toEqual(new Uint8Array([7]));
    expect(a!.data.buffer.byteLength).toBe(1);
    expect(b).toEqual({ type: 'bytes', data: own, stderr: true });
    expect(b!.data).toBe(own); // already exact: not copied
    const plain: ServerFrame = { t: 'data', id: 1, seq: 2, items: [{ type: 'exit', exitCode: 0 }] };
    expect(compactBytes(plain)).toBe(plain);
  });
});
