// A unix-socket proxy in front of the engine that counts the HTTP requests passing through it, so a
// scenario can say how many engine calls Berth made in a time window. A long-lived stream (/events,
// a followed log) is one request; bytes after an upgrade (exec) are not parsed as requests. It also
// keeps each connection (when it opened and closed, what it carried), so a test can count how many
// engine connections Berth held open at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeenRequest {
  at: number;
  method: string;
  /** The path without its query string (ids and filters would make every request distinct). */
  path: string;
}

export interface SeenConnection {
  opened: number;
  /** performance.now() when it closed; undefined while open. */
  closed?: number;
  /** Request paths it carried, in order. */
  paths: string[];
  /** The same with their methods ("GET /v1.47/containers/json"). */
  calls: string[];
}

export interface CountProxy {
  /** unix:// URL to give Berth instead of the engine's. */
  host: string;
  requests: SeenRequest[];
  connections: SeenConnection[];
  /** The most connections open at one moment, among those `which` selects (default: all). */
  peakOpen(which?: (c: SeenConnection) => boolean): number;
  /** Connections open now, among those `which` selects. */
  openNow(which?: (c: SeenConnection) => boolean): number;
  /** Requests seen since `t` (performance.now()). */
  since(t: number): SeenRequest[];
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

/** Finds request lines in one direction of a connection; stops parsing after an Upgrade request. */
export class RequestScanner {
  private carry = '';
  private upgraded = false;

  constructor(private readonly onRequest: (method: string, path: string) => void) {}

  push(chunk: Buffer): void {
    if (this.upgraded) return;
    // latin1 keeps one char per byte, so a request line split across chunks joins up again.
    const text = this.carry + chunk.toString('latin1');
    let last = 0;
    for (const m of text.matchAll(REQUEST_LINE)) {
      this.onRequest(m[1]!, m[2]!.split('?')[0]!);
      last = m.index + m[0].length;
      const headersEnd = text.indexOf('\r\n\r\n', m.index);
      const headers = text.slice(m.index, headersEnd < 0 ? undefined : headersEnd).toLowerCase();
      if (/\r\nupgrade:/.test(headers) || /\/exec\/[^/]+\/start$/.test(m[2]!.split('?')[0]!)) {
        this.upgraded = true;
        return;
      }
    }
    // Keep a tail long enough to hold a request line cut in half.
    this.carry = text.slice(Math.max(last, text.length - 2048));
  }
}

export async function startCountProxy(engineSocket: string): Promise<CountProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-proxy-'));
  const path = join(dir, 'engine.sock');
  const requests: SeenRequest[] = [];
  const connections: SeenConnection[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(engineSocket);
    sockets.add(client).add(upstream);
    const conn: SeenConnection = { opened: performance.now(), paths: [], calls: [] };
    connections.push(conn);
    const scanner = new RequestScanner((method, p) => {
      requests.push({ at: performance.now(), method, path: p });
      conn.paths.push(p);
      conn.calls.push(`${method} ${p}`);
    });
    client.on('data', (d: Buffer) => scanner.push(d));
    client.pipe(upstream).pipe(client);
    const end = () => {
      conn.closed ??= performance.now();
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  return {
    host: `unix://${path}`,
    requests,
    connections,
    peakOpen: (which = () => true) => {
      const edges = connections
        .filter(which)
        .flatMap((c) => [
          [c.opened, 1],
          [c.closed ?? Infinity, -1],
        ])
        .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      let open = 0;
      let peak = 0;
      for (const [, d] of edges) peak = Math.max(peak, (open += d!));
      return peak;
    },
    openNow: (which = () => true) => connections.filter((c) => c.closed === undefined && which(c)).length,
    since: (t) => requests.filter((r) => r.at >= t),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** "GET /containers/json ×3, GET /events ×1" — for the log line of a window with requests. */
export function summarize(requests: SeenRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.path.replace(/\/v1\.\d+/, '').replace(/[0-9a-f]{64}/g, '<id>')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
}
