// Web-mode authentication as an attacker on the same host would try it, in Chromium against a real
// `berth serve`: nothing the browser sends to another port of 127.0.0.1 (a container's published
// port opened from Berth) opens Berth's socket when replayed; two instances in one browser work
// side by side; a page without a token gets a sign-in screen that says what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBerthServe, type ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';

/** The page's token as it keeps it (evaluated in the page, where sessionStorage exists). */
const storedToken = "sessionStorage.getItem('berth.token')";

/** A raw TCP listener that keeps every byte each connection sends, and answers a tiny page. */
async function recorder(): Promise<{ port: number; received: Buffer[]; close(): Promise<void> }> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    const mine: Buffer[] = [];
    s.on('data', (d) => {
      mine.push(d);
      if (Buffer.concat(mine).includes('\r\n\r\n')) {
        received.push(Buffer.concat(mine));
        mine.length = 0;
        const body = '<!doctype html><title>A container’s page</title><p>hello from a container</p>';
        s.write(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      }
    });
    s.on('error', () => s.destroy());
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One recorded request's headers (all of them, cookies included), as an upgrade to Berth's socket. */
function asUpgrade(request: Buffer, berthHost: string): string {
  const head = request.toString('latin1').split('\r\n\r\n')[0]!;
  const replace = /^(host|origin|connection|upgrade|sec-websocket-key|sec-websocket-version):/i;
  const kept = head
    .split('\r\n')
    .slice(1)
    .filter((h) => !replace.test(h));
  return [
    'GET /api HTTP/1.1',
    `Host: ${berthHost}`,
    `Origin: http://${berthHost}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...kept,
    '',
    '',
  ].join('\r\n');
}

function send(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      s.destroy();
      resolve(got);
    };
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n')) done();
    });
    s.on('error', done);
    s.on('close', done);
    setTimeout(done, 3000);
    s.write(bytes);
  });
}

test.describe('web-mode authentication', () => {
  test('everything the browser sends to another port of the host, replayed against Berth’s socket, is refused', async ({
    page,
    context,
    berth,
  }) => {
    const rec = await recorder();
    try {
      const berthUrl = new URL(berth.url);
      const token = berthUrl.searchParams.get('token')!;
      await berth.open(page);
      // The token left the address bar and lives in this tab's sessionStorage, not in a cookie.
      expect(page.url()).not.toContain('token=');
      expect(await page.evaluate(storedToken)).toBe(token);
      expect(await context.cookies()).toEqual([]);
      // From Berth's own page: a fetch, an XHR, a WebSocket and an image to the other port.
      const other = `127.0.0.1:${rec.port}`;
      await page.evaluate(`(() => {
        const o = ${JSON.stringify(other)};
        fetch('http://' + o + '/fetch', { credentials: 'include' }).catch(() => undefined);
        const x = new XMLHttpRequest();
        x.open('GET', 'http://' + o + '/xhr');
        x.withCredentials = true;
        x.send();
        try { new WebSocket('ws://' + o + '/socket'); } catch { /* refused by the page's policy */ }
        const img = new Image();
        img.src = 'http://' + o + '/image.png';
        document.body.append(img);
      })()`);
      // A container's page opened from Berth in a new tab, and the same tab navigated there.
      const tab = await context.newPage();
      await tab.goto(`http://${other}/opened-from-berth`);
      await expect(tab.getByText('hello from a container')).toBeVisible();
      await page.goto(`http://${other}/navigated`);
      await expect(page.getByText('hello from a container')).toBeVisible();
      expect(rec.received.length).toBeGreaterThanOrEqual(2);
      // Nothing the browser sent there carries the token, and replaying each request refuses.
      for (const r of rec.received) expect(r.toString('latin1')).not.toContain(token);
      for (const r of rec.received) {
        const answer = await send(Number(berthUrl.port), asUpgrade(r, berthUrl.host));
        expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      }
      // The same replay with the real token on the handshake opens: the refusal was the credential's.
      const withToken = asUpgrade(rec.received[0]!, berthUrl.host).replace(
        '\r\n\r\n',
        `\r\nSec-WebSocket-Protocol: berth.v1, berth.token.${token}\r\n\r\n`,
      );
      expect(await send(Number(berthUrl.port), withToken)).toMatch(/^HTTP\/1\.1 101 /);
    } finally {
      await rec.close();
    }
  });

  test.describe('two instances in one browser', () => {
    let second: ServeProcess | undefined;
    let home = '';
    test.beforeAll(async () => {
      home = mkdtempSync(join(tmpdir(), 'berth-e2e-second-'));
      second = await startBerthServe(['--engine-socket', process.env.BERTH_ENGINE_HOST!], {
        ...process.env,
        BERTH_HOME: home,
        DOCKER_CONFIG: join(home, 'docker-config'),
      });
    });
    test.afterAll(async () => {
      await second?.stop();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    test('both keep working side by side, each with its own token, across reloads', async ({ context, berth }) => {
      const a = await context.newPage();
      const b = await context.newPage();
      await berth.open(a);
      await b.goto(`${second!.url}#/containers`);
      await expect(b.getByRole('link', { name: /Engine running/ })).toBeVisible();
      for (const p of [a, b, a, b]) {
        await p.reload();
        await expect(p.getByRole('link', { name: /Engine running/ })).toBeVisible();
        await expect(p.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
      }
      const tokens = await Promise.all([a, b].map((p) => p.evaluate(storedToken)));
      expect(tokens[0]).toBe(new URL(berth.url).searchParams.get('token'));
      expect(tokens[1]).toBe(new URL(second!.url).searchParams.get('token'));
      expect(await context.cookies()).toEqual([]);
    });
  });

  test('a page without a token shows a sign-in screen that takes the printed address', async ({ page, berth }) => {
    const bare = berth.url.split('?')[0]!;
    await page.goto(`${bare}#/images`);
    const signIn = page.getByRole('main', { name: 'Sign in to Berth' });
    await expect(signIn).toBeVisible();
    await expect(signIn).toContainText('Open the address berth serve printed');
    const field = signIn.getByLabel('Token or address');
    await field.fill(`${bare}?token=not-the-right-token-at-all`);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn.getByRole('alert')).toHaveText(/Berth does not accept that token/);
    await field.fill(berth.url);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('link', { name: /Engine running/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
    expect(page.url()).not.toContain('token=');
  });
});
