import { createServer, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestScanner, startCountProxy, summarize } from './scenarios/support/count-proxy';

const scan = (...chunks: string[]) => {
  const seen: string[] = [];
  const s = new RequestScanner((m, p) => seen.push(`${m} ${p}`));
  for (const c of chunks) s.push(Buffer.from(c, 'latin1'));
  return seen;
};

describe('RequestScanner', () => {
  it('finds every request on a keep-alive connection, without query strings', () => {
    expect(
      scan('GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /_ping HTTP/1.1\r\nHost: x\r\n\r\n'),
    ).toEqual(['GET /v1.41/containers/json', 'GET /_ping']);
  });
  it('joins a request line split across chunks', () => {
    expect(scan('POST /v1.41/containers/cre', 'ate HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}')).toEqual([
      'POST /v1.41/containers/create',
    ]);
  });
  it('stops parsing after an upgrade (exec): terminal bytes are not requests', () => {
    expect(
      scan('POST /v1.41/exec/abc/start HTTP/1.1\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n', 'GET /x HTTP/1.1\r\n'),
    ).toEqual(['POST /v1.41/exec/abc/start']);
  });
});

describe('summarize', () => {
  it('groups by method and path with ids and versions folded', () => {
    const id = 'a'.repeat(64);
    expect(
      summarize([
        { at: 0, method: 'GET', path: `/v1.41/containers/${id}/json` },
        { at: 1, method: 'GET', path: '/v1.41/containers/' + 'b'.repeat(64) + '/json' },
        { at: 2, method: 'GET', path: '/_ping' },
      ]),
    ).toBe('GET /containers/<id>/json ×2, GET /_ping ×1');
    expect(summarize([])).toBe('none');
  });
});

describe('startCountProxy', () => {
  it('passes requests through to the engine socket and counts them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-proxy-test-'));
    const socket = join(dir, 'engine.sock');
    const engine = createServer((req, res) => res.end(`pong ${req.url}`));
    await new Promise<void>((r) => engine.listen(socket, r));
    const proxy = await startCountProxy(socket);
    try {
      const get = (path: string) =>
        new Promise<string>((resolve, reject) => {
          request({ socketPath: proxy.host.slice('unix://'.length), path }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve(body));
          })
            .on('error', reject)
            .end();
        });
      const t = performance.now();
      expect(await get('/_ping')).toBe('pong /_ping');
      expect(await get('/containers/json?all=1')).toBe('pong /containers/json?all=1');
      expect(proxy.since(t).map((r) => r.path)).toEqual(['/_ping', '/containers/json']);
    } finally {
      await proxy.close();
      await new Promise((r) => engine.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
