// `berth serve`: the built renderer over HTTP and the contract over one WebSocket, loopback by default.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, type ServerFrame } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import { Session } from '../api/session';
import type { RequestHandlers, SubscriptionHandlers } from '../api/types';
import { allowedHosts, cookieToken, COOKIE, CSP, hostAllowed, originAllowed, tokenMatches } from './security';
import { resolveStatic, sendFile } from './static-files';

export interface ServeOptions {
  host: string;
  port: number;
  rendererDir: string;
  api: ApiContext;
  handlers: RequestHandlers;
  streams: SubscriptionHandlers;
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  sessions(): number;
  close(): Promise<void>;
}

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let hosts = new Set<string>();
  const sessions = new Set<{ session: Session; ws: WebSocket }>();

  const server = createServer((req, res) => {
    if (!hostAllowed(req, hosts)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('This server answers only to its own address.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const fromQuery = url.searchParams.get('token');
    if (fromQuery !== null) {
      if (!tokenMatches(fromQuery, token)) {
        res
          .writeHead(401, { 'Content-Type': 'text/plain' })
          .end('The token in this address is wrong. Use the address `berth serve` printed.');
        return;
      }
      // Keep the token out of history and referrers: set the cookie and drop it from the URL.
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.hash,
        ...securityHeaders,
      });
      res.end();
      return;
    }
    if (!tokenMatches(cookieToken(req), token)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain' })
        .end('Berth needs its token: open the address `berth serve` printed.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveStatic(opts.rendererDir, url.pathname) ?? resolveStatic(opts.rendererDir, '/index.html');
    if (!file) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('The UI is not built: run `npm run build`.');
      return;
    }
    sendFile(res, file, securityHeaders);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req, hosts)) return refuse(socket, 421, 'Misdirected Request');
    if (!originAllowed(req, hosts)) return refuse(socket, 403, 'Forbidden');
    if (!tokenMatches(cookieToken(req), token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (f: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
    };
    const session = new Session(opts.api, opts.handlers, opts.streams, send);
    const entry = { session, ws };
    sessions.add(entry);
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15000);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      if (isBinary)
        return send({ t: 'error', error: { kind: 'invalid', message: 'Binary messages are not understood.' } });
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return send({
          t: 'error',
          error: { kind: 'invalid', message: 'The message was not valid JSON and was ignored.' },
        });
      }
      session.receive(frame);
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      session.close();
      sessions.delete(entry);
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(opts.host, port);
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    server,
    sessions: () => sessions.size,
    close: async () => {
      for (const { session, ws } of sessions) {
        session.close();
        ws.terminate();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
