// A small real WebSocket server for browser-side transport tests: it records every handshake's
// offered protocols and refuses handshakes (401) while told to, the way `berth serve` refuses a
// wrong token. Text is echoed; a binary input (shared/contract/wire.ts) comes back as a batch of
// the same bytes. Tests of renderer code cannot import Node themselves; they start this instead.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export interface HandshakeServer {
  url: string;
  /** The Sec-WebSocket-Protocol header of each handshake, in order. */
  handshakes: (string | undefined)[];
  refuse: boolean;
  close(): Promise<void>;
}

export async function startHandshakeServer(): Promise<HandshakeServer> {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: () => 'berth.v1' });
  const server = createServer();
  const state: HandshakeServer = { url: '', handshakes: [], refuse: false, close: async () => undefined };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    state.handshakes.push(req.headers['sec-websocket-protocol']);
    if (state.refuse) return void socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.on('message', (m: Buffer, isBinary) => {
        if (!isBinary) return ws.send(String(m));
        const batch = Buffer.from(m);
        batch[0] = 1; // kind: data
        batch[20] = 1; // the segment's channel: the stream's bytes
        batch.writeDoubleBE(1, 12); // seq 1
        ws.send(batch, { binary: true });
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  state.close = async () => {
    for (const c of wss.clients) c.terminate();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return state;
}
