// @vitest-environment happy-dom
// Image archives in a browser: Save streams the tar through images.export into a download, Load
// uploads a chosen file through images.import within the window; the desktop app keeps its paths.
// The server side is a scripted transport (the contract's frames); no engine is involved here.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TRANSFER_CHUNK_BYTES,
  UPLOAD_WINDOW_CHUNKS,
  type ClientFrame,
  type ServerFrame,
} from '../../../../shared/contract';
import { BerthClient } from '../../api/client';
import { ClientContext } from '../../api/hooks';
import type { ConnectionState, Transport } from '../../api/transport';
import { LoadImagesDialog, SaveImageDialog } from './ArchiveDialogs';

afterEach(cleanup);

function scripted(filePicker: boolean) {
  const sent: ClientFrame[] = [];
  let deliver: (f: ServerFrame) => void = () => undefined;
  const transport: Transport = {
    state: 'open' as ConnectionState,
    send: (f) => {
      sent.push(f);
      if (f.t === 'req' && f.method === 'host.capabilities')
        queueMicrotask(() => deliver({ t: 'res', id: f.id, ok: true, result: { filePicker } }));
    },
    onFrame: (l) => void (deliver = l),
    onState: () => undefined,
  };
  const client = new BerthClient(transport);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const mount = (ui: React.ReactNode) =>
    render(
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
      </ClientContext.Provider>,
    );
  const sub = (topic: string) =>
    sent.find((f): f is Extract<ClientFrame, { t: 'sub' }> => f.t === 'sub' && f.topic === topic);
  return { sent, mount, sub, deliver: (f: ServerFrame) => deliver(f) };
}

describe('Save in a browser', () => {
  it('streams the tar into a download and says where it went; no path field', async () => {
    const s = scripted(false);
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    s.mount(<SaveImageDialog image="web:1" onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Download' }));
    expect(screen.queryByLabelText('Tar file path')).toBeNull();
    const sub = s.sub('images.export')!;
    expect(sub.args).toEqual({ refs: ['web:1'] });
    s.deliver({
      t: 'data',
      id: sub.id,
      seq: 1,
      items: [
        { type: 'file', name: 'web_1.tar' },
        { type: 'bytes', data: new TextEncoder().encode('hello ') },
        { type: 'bytes', data: new TextEncoder().encode('tar') },
      ],
    });
    s.deliver({ t: 'end', id: sub.id });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved web_1.tar (9 B) to your downloads.');
    expect(await saved[0]!.text()).toBe('hello tar');
    expect(s.sent).toContainEqual({ t: 'ack', id: sub.id, seq: 1 });
  });

  it('shows the server’s sentence when the export fails', async () => {
    const s = scripted(false);
    s.mount(<SaveImageDialog image="gone:1" onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Download' }));
    const sub = s.sub('images.export')!;
    s.deliver({
      t: 'end',
      id: sub.id,
      error: { kind: 'not-found', message: 'Could not save image "gone:1": it does not exist.' },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save image "gone:1": it does not exist.');
  });
});

describe('Load in a browser', () => {
  it('uploads the chosen file in chunks, never more than the window ahead, and names what was loaded', async () => {
    const s = scripted(false);
    s.mount(<LoadImagesDialog onClose={() => undefined} />);
    const size = TRANSFER_CHUNK_BYTES * (UPLOAD_WINDOW_CHUNKS + 3) + 10;
    const file = new File([new Uint8Array(size).fill(7)], 'images.tar', { type: 'application/x-tar' });
    await userEvent.upload(await screen.findByLabelText('Tar file'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Load' }));
    const sub = s.sub('images.import')!;
    expect(sub.args).toEqual({ size });
    const chunks = () => s.sent.filter((f) => f.t === 'in' && (f.data as { type: string }).type === 'bytes');
    s.deliver({ t: 'data', id: sub.id, seq: 1, items: [{ type: 'ready' }] });
    await waitFor(() => expect(chunks()).toHaveLength(UPLOAD_WINDOW_CHUNKS));
    await new Promise((r) => setTimeout(r, 50));
    expect(chunks()).toHaveLength(UPLOAD_WINDOW_CHUNKS);
    s.deliver({ t: 'data', id: sub.id, seq: 2, items: [{ type: 'received', bytes: 4 * TRANSFER_CHUNK_BYTES }] });
    await waitFor(() => expect(chunks()).toHaveLength(UPLOAD_WINDOW_CHUNKS + 3 + 1));
    s.deliver({ t: 'data', id: sub.id, seq: 3, items: [{ type: 'received', bytes: size }] });
    await waitFor(() => expect(s.sent).toContainEqual({ t: 'in', id: sub.id, data: { type: 'end' } }));
    s.deliver({ t: 'data', id: sub.id, seq: 4, items: [{ type: 'done', result: { images: ['web:1'] } }] });
    s.deliver({ t: 'end', id: sub.id });
    expect((await screen.findByRole('status')).textContent).toBe('Loaded web:1');
  });

  it('asks for a file before loading', async () => {
    const s = scripted(false);
    s.mount(<LoadImagesDialog onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Load' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Choose a tar file/);
    expect(s.sub('images.import')).toBeUndefined();
  });
});

describe('in the desktop app', () => {
  it('saves to a path on Berth’s machine as a task', async () => {
    const s = scripted(true);
    s.mount(<SaveImageDialog image="web:1" onClose={() => undefined} />);
    expect(((await screen.findByLabelText('Tar file path')) as HTMLInputElement).value).toBe('/tmp/web_1.tar');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(s.sent).toContainEqual(
      expect.objectContaining({
        t: 'req',
        method: 'images.save',
        args: { refs: ['web:1'], path: '/tmp/web_1.tar', overwrite: false },
      }),
    );
  });

  it('asks "Replace <file>?" when the file exists, and overwrites only after Replace', async () => {
    const s = scripted(true);
    s.mount(<SaveImageDialog image="web:1" onClose={() => undefined} />);
    await screen.findByLabelText('Tar file path');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const first = s.sent.find((f) => f.t === 'req' && f.method === 'images.save')!;
    s.deliver({
      t: 'res',
      id: first.id,
      ok: false,
      error: { kind: 'conflict', field: 'path', message: '/tmp/web_1.tar already exists.' },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Replace /tmp/web_1.tar?');
    await userEvent.click(screen.getByRole('button', { name: 'Replace' }));
    const saves = s.sent.filter((f) => f.t === 'req' && f.method === 'images.save');
    expect(saves.map((f) => (f as { args: { overwrite: boolean } }).args.overwrite)).toEqual([false, true]);
  });
});
