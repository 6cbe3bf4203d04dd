// @vitest-environment happy-dom
// The browser transport against a real WebSocket server (happy-dom's WebSocket, which speaks to
// real sockets): the token rides on the handshake's protocols; a refused socket signs the page
// out only when the server says the token is wrong.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHandshakeServer, type HandshakeServer } from '../../../../harness/ws-handshake-server';
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
});
