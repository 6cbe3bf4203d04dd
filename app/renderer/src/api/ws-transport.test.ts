// @vitest-environment happy-dom
// The browser transport against a real WebSocket server (happy-dom's WebSocket, which speaks to
// real sockets): the token rides on the handshake's protocols; a refused socket signs the page
// out only when the server says the token is wrong.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHandshakeServer, type HandshakeServer } from '../../../../harness/ws-handshake-server';
import type { ServerFrame } from '../../../shared/contract';
import type { ConnectionState } from './transport';
import { wsTransport } from './ws-transport';

const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0';
let server: HandshakeServer;
const transports: { close(): void }[] = [];

beforeEach(async () => {
  server = await startHandshakeServer();
});
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await server.close();
});

function open(check: () => Promise<'accepted' | 'refused'>) {
  const t = wsTransport(token, { url: server.url, check });
  transports.push(t);
  const seen: ConnectionState[] = [];
  t.onState((s) => seen.push(s));
  return seen;
}

const until = async (fn: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('wsTransport', () => {
  it('offers the contract protocol and the token on the handshake', async () => {
    const seen = open(async () => 'accepted');
    await until(() => seen.includes('open'));
    expect(seen).toEqual(['open']);
    expect(server.handshakes.map((h) => h?.split(/, ?/))).toEqual([['berth.v1', `berth.token.${token}`]]);
  });

  it('signs out when a refused socket’s token is refused by the server too, and stops trying', async () => {
    server.refuse = true;
    const seen = open(async () => 'refused');
    await until(() => seen.includes('signed-out'));
    expect(seen).toEqual(['reconnecting', 'signed-out']);
    await new Promise((r) => setTimeout(r, 600));
    expect(server.handshakes).toHaveLength(1);
  });

  it('keeps trying when the token is still good (Berth was busy or restarting)', async () => {
    server.refuse = true;
    const seen = open(async () => 'accepted');
    await until(() => server.handshakes.length >= 2);
    server.refuse = false;
    await until(() => seen.includes('open'));
    expect(seen.at(-1)).toBe('open');
    expect(seen).not.toContain('signed-out');
  });

  it('sends input of bytes as a binary message and reads a binary batch back as bytes', async () => {
    const t = wsTransport(token, { url: server.url, check: async () => 'accepted' });
    transports.push(t);
    const got: ServerFrame[] = [];
    t.onFrame((f) => got.push(f));
    // Sent while connecting: it waits for the socket, in order.
    t.send({ t: 'in', id: 5, data: { type: 'bytes', data: new Uint8Array([104, 105, 0, 255]) } });
    t.send({ t: 'ack', id: 5, seq: 9 }); // nothing to acknowledge before the socket opens: not queued
    await until(() => got.length > 0);
    expect(got).toHaveLength(1);
    const f = got[0] as Extract<ServerFrame, { t: 'data' }>;
    expect(f).toMatchObject({ t: 'data', id: 5, seq: 1 });
    const item = f.items[0] as { type: string; data: Uint8Array };
    expect(item.type).toBe('bytes');
    expect([...item.data]).toEqual([104, 105, 0, 255]);
  });
});
