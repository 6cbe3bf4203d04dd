// `berth serve`: the built renderer over HTTP (public: it carries no secret) and the contract over
// one WebSocket per window, which needs the token. Loopback by default. Every handler survives any
// bytes: a request it cannot parse gets a 400, a throw becomes a 500, never an exit.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../../shared/contract/frames';
import { decodeClientBinary } from '../../shared/contract/wire';
import type { ApiContext } from '../api/context';
import { MAX_QUEUED_REQUEST_BYTES } from '../api/limits';
import type { Session } from '../api/session';
import type { RequestHandlers, SubscriptionHandlers } from '../api/types';
import {
  allowedHosts,
  bearerToken,
  CSP,
  handshakeToken,
  hostAllowed,
  originAllowed,
  parseTarget,
  PROTOCOL,
  tokenMatches,
} from './security';
import { socketOutlet } from './socket-flow';
import { resolveStatic, sendFile } from './static-files';

/** Windows (WebSockets) one server holds at once; one more is refused before its handshake. */
export const MAX_CONNECTIONS = 8;
/** A socket that has not answered a ping within this long is closed. */
const HEARTBEAT_MS = 15_000;

/** What a window's session talks to. */
export interface ServeBackend {
  api: ApiContext;
  handlers: RequestHandlers;
  streams: SubscriptionHandlers;
}

export interface ServeOptions {
  host: string;
  port: number;
  rendererDir: string;
  /**
   * The backend, or its promise: `berth serve` listens (and serves the page) while the backend's
   * modules still load; a window's messages wait for it (at most MAX_QUEUED_REQUEST_BYTES).
   */
  backend: ServeBackend | Promise<ServeBackend>;
  token?: string;
  /** Told about a handler that threw (it was answered with a 500); for the log. */
  onFault?(where: string, err: unknown): void;
  /**
   * Told once a page has had its files: a response other than index.html has been sent and none is
   * still being sent. `berth serve` loads its backend then, so that loading (which holds the event
   * loop) overlaps the browser starting the page instead of delaying the page's files.
   */
  onPageFetched?(): void;
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

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  421: 'Misdirected Request',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Answers a raw socket (an upgrade, or a request Node could not parse) and closes it. */
function refuse(socket: Duplex, status: number, text = ''): void {
  if (!socket.writable) return void socket.destroy();
  const body = text ? `${text}\n` : '';
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders, ...headers }).end(text);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let hosts = new Set<string>();
  const sessions = new Set<{ session?: Session; ws: WebSocket }>();
  // Files being sent, and whether one was more than index.html (onPageFetched).
  let sending = 0;
  let assetSent = false;
  let pageFetched = opts.onPageFetched;
  const tellPageFetched = () => {
    const told = pageFetched;
    pageFetched = undefined;
    told?.();
  };
  // The session's module brings the engine facade (dockerode …): loaded with the backend, not
  // before the server listens.
  const backend = Promise.resolve(opts.backend).then(async (b) => ({ ...b, ...(await import('../api/session')) }));
  backend.catch(() => undefined); // told to each window that waits for it (attach)
  const fault = (where: string, err: unknown) => {
    try {
      opts.onFault?.(where, err);
    } catch {
      /* a logger that throws changes nothing */
    }
  };

  function serveHttp(req: IncomingMessage, res: ServerResponse): void {
    if (!hostAllowed(req, hosts)) return answer(res, 421, 'This server answers only to its own address.');
    const target = parseTarget(req.url);
    if (!target) return answer(res, 400, 'The request target is not a path Berth understands.');
    if (target.pathname === '/api/check') {
      // The sign-in screen asks whether its token is right (a socket refusal does not say why).
      if (req.headers.origin !== undefined && !originAllowed(req, hosts)) return answer(res, 403, 'Forbidden.');
      if (!tokenMatches(bearerToken(req), token))
        return answer(res, 401, 'Berth does not accept this token: open the address `berth serve` printed.');
      return void res.writeHead(204, securityHeaders).end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Only GET.', { Allow: 'GET, HEAD' });
    const file = resolveStatic(opts.rendererDir, target.pathname) ?? resolveStatic(opts.rendererDir, '/index.html');
    if (!file) return answer(res, 500, 'The UI is not built: run `npm run build`.');
    sendFile(res, file, securityHeaders);
    sending++;
    if (!file.endsWith('index.html')) assetSent = true;
    res.once('close', () => {
      sending--;
      if (assetSent && sending === 0) tellPageFetched();
    });
  }

  const server = createServer((req, res) => {
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    try {
      serveHttp(req, res);
    } catch (err) {
      fault('http', err);
      if (!res.headersSent) answer(res, 500, 'Berth could not answer this request.');
      else res.destroy();
    }
  });
  // Bytes Node cannot parse as HTTP (bad request line, bad headers, oversized headers, timeouts).
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    refuse(socket, status);
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(PROTOCOL) ? PROTOCOL : false),
  });
  wss.on('error', (err) => fault('websocket server', err));

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = parseTarget(req.url);
    if (!target) return refuse(socket, 400, 'The request target is not a path Berth understands.');
    if (target.pathname !== '/api') return refuse(socket, 404);
    if (!hostAllowed(req, hosts)) return refuse(socket, 421);
    if (!originAllowed(req, hosts)) return refuse(socket, 403);
    if (!tokenMatches(handshakeToken(req), token)) return refuse(socket, 401);
    if (sessions.size >= MAX_CONNECTIONS)
      return refuse(socket, 503, `Berth already serves ${MAX_CONNECTIONS} windows; close one and reload.`);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (err) {
      fault('upgrade', err);
      refuse(socket, 500);
    }
  });

  function attach(ws: WebSocket): void {
    // Handshakes that raced past the count in upgrade() are closed here.
    if (sessions.size >= MAX_CONNECTIONS) return ws.close(1013, 'Too many windows');
    tellPageFetched(); // a window that connects is past fetching its page
    const outlet = socketOutlet(ws);
    const entry: { session?: Session; ws: WebSocket } = { ws };
    sessions.add(entry);
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    ws.on('pong', () => (alive = true));
    const receive = (session: Session, data: Buffer, isBinary: boolean) => {
      try {
        if (isBinary) {
          // Input of bytes (shared/contract/frames.ts); anything else binary is refused with why.
          const frame = decodeClientBinary(data);
          if (typeof frame === 'string') return outlet.send({ t: 'error', error: { kind: 'invalid', message: frame } });
          return session.receive(frame, data.length);
        }
        let frame: unknown;
        try {
          frame = JSON.parse(String(data));
        } catch {
          return outlet.send({
            t: 'error',
            error: { kind: 'invalid', message: 'The message was not valid JSON and was ignored.' },
          });
        }
        session.receive(frame, data.length);
      } catch (err) {
        fault('message', err);
        outlet.send({ t: 'error', error: { kind: 'internal', message: 'Berth could not handle that message.' } });
      }
    };
    // Until the backend is there (only while `berth serve` starts), messages wait in order.
    let early: { data: Buffer; isBinary: boolean }[] | undefined = [];
    let earlyBytes = 0;
    backend.then(
      (b) => {
        if (!sessions.has(entry)) return;
        const session = new b.Session(b.api, b.handlers, b.streams, outlet.send, outlet);
        entry.session = session;
        const waiting = early ?? [];
        early = undefined;
        for (const m of waiting) receive(session, m.data, m.isBinary);
      },
      (err: unknown) => {
        fault('backend start', err);
        ws.close(1011, 'Berth could not start its backend');
      },
    );
    ws.on('message', (data: Buffer, isBinary) => {
      if (entry.session) return receive(entry.session, data, isBinary);
      if (!early) return; // the backend failed: the socket is closing
      earlyBytes += data.length;
      if (earlyBytes > MAX_QUEUED_REQUEST_BYTES) {
        early = undefined;
        return ws.close(1008, 'Too much sent while Berth was starting');
      }
      early.push({ data, isBinary });
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      entry.session?.close();
      outlet.close();
      sessions.delete(entry);
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, an error (e.g. EMFILE on accept) is logged; the server keeps serving.
  server.on('error', (err) => fault('server', err));
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
        session?.close();
        ws.terminate();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
