// The HTTP/1.0 stream reader against answers the real engine never gives (a fake server on a unix
// socket, because a real dockerd cannot be made to send them): whatever bytes come back, the reader
// refuses them with a sentence or takes them, never hangs and never crashes. What the real engine
// answers is tested in logs.int.test.ts.
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import type { EngineClient } from './client';
import { toBerthError } from './errors';
import { MAX_HEAD_BYTES, openLocalStream, requestHead } from './local-stream';

const tempDir = tempDirs('berth-local-stream-');
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A unix-socket server that answers every connection with `answer`; resolves a client for it and the requests it saw. */
async function serve(answer: (sock: Socket) => void): Promise<{ client: EngineClient; requests: string[] }> {
  const socketPath = join(tempDir(), 's.sock');
  const requests: string[] = [];
  const server = createServer((sock) => {
    sock.once('data', (d) => {
      requests.push(d.toString('latin1'));
      answer(sock);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(socketPath, r));
  const client = { address: { kind: 'unix', socketPath }, apiVersion: '1.41' } as unknown as EngineClient;
  return { client, requests };
}

async function body(r: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('latin1');
}

describe('openLocalStream (fake server: answers a real engine never gives)', () => {
  it('asks over HTTP/1.0 at the API version, with the query, and gives the body after the head', async () => {
    const { client, requests } = await serve((s) => {
      // the head split across writes, the body starting in the same write as its end
      s.write('HTTP/1.0 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r');
      s.end('\n\r\nline 1\nline 2\n');
    });
    const res = await openLocalStream(client, { path: '/containers/x/logs', query: { tail: 'all', since: undefined } });
    expect(await body(res)).toBe('line 1\nline 2\n');
    expect(requests[0]).toBe(requestHead('1.41', { path: '/containers/x/logs', query: { tail: 'all' } }));
    expect(requests[0]).toMatch(/^GET \/v1\.41\/containers\/x\/logs\?tail=all HTTP\/1\.0\r\n/);
  });

  it("an engine error becomes the engine's sentence, classified by its status", async () => {
    const { client } = await serve((s) => s.end('HTTP/1.1 404 Not Found\r\n\r\n{"message":"No such container: x"}\n'));
    const err = await openLocalStream(client, { path: '/containers/x/logs' }).catch((e: unknown) => e);
    const b = toBerthError(err, 'read the logs of container "x"');
    expect(b.kind).toBe('not-found');
    expect(b.detail).toContain('No such container: x');
  });

  it('refuses an answer that is not HTTP, a head that never ends, and a connection closed early', async () => {
    const notHttp = await serve((s) => s.end('SSH-2.0-OpenSSH\r\n\r\n'));
    await expect(openLocalStream(notHttp.client, { path: '/x' })).rejects.toThrow(/HTTP status line/);
    const endless = await serve((s) => s.write(`HTTP/1.0 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES + 10)}`));
    await expect(openLocalStream(endless.client, { path: '/x' })).rejects.toThrow(
      new RegExp(`within ${MAX_HEAD_BYTES} bytes`),
    );
    const closed = await serve((s) => s.end());
    const err = await openLocalStream(closed.client, { path: '/x' }).catch((e: unknown) => e);
    expect(toBerthError(err, 'read the logs').kind).toBe('unavailable');
  });

  it('a signal aborts it while waiting for the answer, and after it, ending the body', async () => {
    const silent = await serve(() => undefined);
    const ac = new AbortController();
    const opening = openLocalStream(silent.client, { path: '/x', signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });

    const slow = await serve((s) => s.write('HTTP/1.0 200 OK\r\n\r\nfirst\n'));
    const ac2 = new AbortController();
    const res = await openLocalStream(slow.client, { path: '/x', signal: ac2.signal });
    setTimeout(() => ac2.abort(), 50);
    await expect(body(res)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("the client's own signal (a request's engine, withAbortSignal) aborts it too", async () => {
    const silent = await serve(() => undefined);
    const ac = new AbortController();
    const opening = openLocalStream({ ...silent.client, signal: ac.signal }, { path: '/x' });
    setTimeout(() => ac.abort(), 50);
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('no engine at the socket is "unavailable"', async () => {
    const client = {
      address: { kind: 'unix', socketPath: join(tempDir(), 'none.sock') },
      apiVersion: '1.41',
    } as unknown as EngineClient;
    const err = await openLocalStream(client, { path: '/x' }).catch((e: unknown) => e);
    expect(toBerthError(err, 'read the logs').kind).toBe('unavailable');
  });
});
