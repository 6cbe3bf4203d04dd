import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientTls, ensureEngineTls } from './engine-tls';

const dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(port: number, tls: { ca: string; cert?: string; key?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/_ping', ...tls }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('engine TLS (real openssl)', () => {
  it('makes a CA, a server and a client certificate, owner-only, that only let the client key in', async () => {
    const f = ensureEngineTls(join(dir, 'tls'), { ips: ['127.0.0.1', '10.0.2.15'] });
    for (const p of [f.ca, f.serverCert, f.serverKey, f.cert, f.key]) expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(statSync(f.dir).mode & 0o777).toBe(0o700);
    const server = createServer(
      {
        ca: readFileSync(f.ca),
        cert: readFileSync(f.serverCert),
        key: readFileSync(f.serverKey),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => res.end('OK'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const tls = clientTls(f);
      expect(await get(port, tls)).toBe(200); // the server name 127.0.0.1 is in its certificate
      await expect(get(port, { ca: tls.ca })).rejects.toThrow(); // no client certificate: refused
    } finally {
      server.close();
    }
    // Made once: a second call keeps them.
    const again = ensureEngineTls(join(dir, 'tls'));
    expect(readFileSync(again.ca, 'utf8')).toBe(readFileSync(f.ca, 'utf8'));
  });

  it('says what to install when openssl is missing', () => {
    expect(() => ensureEngineTls(join(dir, 'none'), { openssl: '/nonexistent/openssl' })).toThrow(
      /makes with openssl, which is not installed\. Install it with `sudo apt-get install openssl`/,
    );
  });
});
