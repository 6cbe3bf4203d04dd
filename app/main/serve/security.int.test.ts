// `berth serve`'s gatekeeping against a real server: the token on the socket handshake, Host and Origin checks, no cookies.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { startTestServer, type TestServer } from './test-server';
import { connectTestClient } from './ws-test-client';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(testEngine().host);
});
afterAll(() => t.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.base}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('berth serve security', () => {
  it('serves the page to anyone (it carries no secret) and sets no cookie, token or not', async () => {
    for (const path of ['/', `/?token=${t.server.token}`, '/?token=wrong']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).not.toContain(t.server.token);
    }
  });

  it('answers the token check only for the right token', async () => {
    expect((await get('/api/check')).status).toBe(401);
    expect((await get('/api/check', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/api/check', { Authorization: `Bearer ${t.server.token}` })).status).toBe(204);
    const foreign = await get('/api/check', {
      Authorization: `Bearer ${t.server.token}`,
      Origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get(`/?token=${t.server.token}`, { Host: `evil.example:${t.server.port}` });
    expect(res.status).toBe(421);
  });

  it('serves nothing outside the renderer folder', async () => {
    const res = await get('/..%2f..%2f..%2fetc%2fpasswd');
    expect(res.body).not.toContain('root:');
  });

  it('refuses a socket without the token, with a wrong one, with a cookie instead, from a foreign Origin or Host', async () => {
    await expect(connectTestClient(t.base, 'wrong')).rejects.toThrow(/401/);
    await expect(connectTestClient(t.base, '')).rejects.toThrow(/401/);
    await expect(
      connectTestClient(t.base, 'wrong', { Cookie: `berth_token=${t.server.token}; token=${t.server.token}` }),
    ).rejects.toThrow(/401/);
    await expect(connectTestClient(t.base, t.server.token, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connectTestClient(t.base, t.server.token, { Host: 'evil.example' })).rejects.toThrow(/421/);
    const ok = await connectTestClient(t.base, t.server.token);
    expect(ok.ws.protocol).toBe('berth.v1');
    await expect(ok.request('engine.status')).resolves.toMatchObject({ state: 'running', kind: 'external' });
    await ok.close();
  });

  it('refuses the token offered without the contract protocol, or as the selected protocol alone', async () => {
    const { default: WebSocket } = await import('ws');
    const attempt = (protocols: string[]) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${t.server.port}/api`, protocols, {
          headers: { Origin: t.base },
        });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_q, res) => resolve(String(res.statusCode)));
        ws.once('error', () => resolve('error'));
      });
    expect(await attempt([`berth.token.${t.server.token}`])).toBe('401');
    expect(await attempt(['berth.v1'])).toBe('401');
    expect(await attempt(['berth.v1', `berth.token.${t.server.token}x`])).toBe('401');
    expect(await attempt(['berth.v1', `berth.token.${t.server.token}`])).toBe('open');
  });
});
