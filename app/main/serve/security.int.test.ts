// `berth serve`'s gatekeeping against a real server: token, cookie, Host and Origin checks.
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
  it('answers 401 without the token and with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Cookie: 'berth_token=wrong' })).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await get(`/?token=${t.server.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/berth_token=.+; HttpOnly; SameSite=Strict/);
    const page = await get('/', { Cookie: `berth_token=${t.server.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get(`/?token=${t.server.token}`, { Host: `evil.example:${t.server.port}` });
    expect(res.status).toBe(421);
  });

  it('serves nothing outside the renderer folder', async () => {
    const res = await get('/..%2f..%2f..%2fetc%2fpasswd', { Cookie: `berth_token=${t.server.token}` });
    expect(res.body).not.toContain('root:');
  });

  it('refuses a socket without the token, from a foreign Origin, or to a foreign Host', async () => {
    await expect(connectTestClient(t.base, 'wrong')).rejects.toThrow(/401/);
    await expect(connectTestClient(t.base, t.server.token, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connectTestClient(t.base, t.server.token, { Host: 'evil.example' })).rejects.toThrow(/421/);
    const ok = await connectTestClient(t.base, t.server.token);
    await expect(ok.request('engine.status')).resolves.toMatchObject({ state: 'running', kind: 'external' });
    await ok.close();
  });
});
