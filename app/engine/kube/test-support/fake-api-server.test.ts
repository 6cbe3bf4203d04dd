// The fake API server itself (a fake: no API server can run here), checked with Debian's kubectl
// where kubectl can speak to it (raw GETs with its own auth) and with plain HTTP for watches.
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { skipUnless } from '../../../../harness/skip';
import { tempDirs } from '../../../../harness/temp-dirs';
import { FakeKubeApiServer } from './fake-api-server';
import { fakePod, makeTestCerts, writeKubeconfig } from './kube-fixtures';

const run = promisify(execFile);
const tmp = tempDirs('berth-fake-kube-');
const fakes: FakeKubeApiServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function start(tls?: { key: string; cert: string }) {
  const fake = await FakeKubeApiServer.start({
    tokens: { 'admin-token': 'admin', 'jane-token': 'jane' },
    ...(tls ? { tls } : {}),
  });
  fakes.push(fake);
  return fake;
}

async function kubectl(file: string, ...args: string[]) {
  try {
    const { stdout } = await run('kubectl', ['--kubeconfig', file, ...args], {
      env: { PATH: process.env.PATH, HOME: '/nonexistent' },
    });
    return { ok: true, out: stdout };
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: string }).stderr) };
  }
}

/** Reads watch events until `count` arrived or the stream ended. */
function watchLines(
  url: string,
  token: string,
  count: number,
): Promise<{ type: string; object: { metadata?: { name?: string; resourceVersion?: string }; code?: number } }[]> {
  return new Promise((resolve, reject) => {
    const events: never[] = [];
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, nl)) as never);
          buf = buf.slice(nl + 1);
          if (events.length >= count) {
            req.destroy();
            resolve(events);
          }
        }
      });
      res.on('end', () => resolve(events));
    });
    req.on('error', (e) => (events.length >= count ? undefined : reject(e)));
  });
}

describe('the fake API server', () => {
  it('answers kubectl as an API server does: lists, 401 and RBAC 403 Status bodies', async (ctx) => {
    const hasKubectl = await run('kubectl', ['version', '--client']).then(
      () => true,
      () => false,
    );
    if (skipUnless(hasKubectl, 'kubectl is not installed (Debian package kubernetes-client)')) return ctx.skip();
    // kubectl sends bearer tokens over TLS only, so this fake serves HTTPS.
    const dir = tmp();
    const certs = makeTestCerts(dir);
    const fake = await start(certs);
    fake.put('pods', fakePod('default', 'web-1'));
    fake.deny('jane', 'list', 'pods');
    const file = writeKubeconfig(path.join(dir, 'config'), [
      { name: 'admin', server: fake.url, token: 'admin-token', ca: certs.ca },
      { name: 'jane', server: fake.url, token: 'jane-token', ca: certs.ca },
      { name: 'stranger', server: fake.url, token: 'nope', ca: certs.ca },
    ]);
    const list = await kubectl(file, 'get', '--raw', '/api/v1/namespaces/default/pods');
    expect(list.ok).toBe(true);
    const body = JSON.parse(list.out) as { kind: string; metadata: { resourceVersion: string }; items: unknown[] };
    expect(body.kind).toBe('PodList');
    expect(Number(body.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(body.items).toHaveLength(1);
    const forbidden = await kubectl(file, '--context', 'jane', 'get', '--raw', '/api/v1/namespaces/default/pods');
    expect(forbidden.out).toContain(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    const stranger = await kubectl(file, '--context', 'stranger', 'get', '--raw', '/api/v1/namespaces/default/pods');
    expect(stranger.out).toContain('Unauthorized');
  }, 90_000);

  it('streams changes after a resourceVersion, bookmarks, and 410 Gone once compacted', async () => {
    const fake = await start();
    const first = fake.put('pods', fakePod('default', 'a'));
    fake.put('pods', fakePod('default', 'b'));
    fake.put('pods', fakePod('other', 'c'));
    const from = first.metadata.resourceVersion;
    const events = watchLines(
      `${fake.url}/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${from}`,
      'admin-token',
      3,
    );
    await new Promise((r) => setTimeout(r, 100));
    fake.bookmark();
    fake.remove('pods', 'default', 'b');
    const got = await events;
    expect(got.map((e) => [e.type, e.object.metadata?.name])).toEqual([
      ['ADDED', 'b'],
      ['BOOKMARK', undefined],
      ['DELETED', 'b'],
    ]);
    fake.compact();
    const gone = await watchLines(
      `${fake.url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${from}`,
      'admin-token',
      1,
    );
    expect(gone[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });
});
