// Reachability per context against the fake API server (no real API server can run here): token and
// exec credentials as kubectl sends them, and a sentence for expired credentials, an unreachable
// server, a wrong CA and a missing credential command.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import { KubeClusters } from './clusters';
import { FakeKubeApiServer } from './test-support/fake-api-server';
import { makeTestCerts, writeKubeconfig } from './test-support/kube-fixtures';

const tmp = tempDirs('berth-kube-reach-');
const fakes: FakeKubeApiServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

describe('context reachability against the fake API server', () => {
  it('reaches a TLS cluster with a token, and says why the others fail', { timeout: 90_000 }, async () => {
    const dir = tmp();
    const certs = makeTestCerts(dir);
    const other = makeTestCerts(dir, 'other');
    const fake = await FakeKubeApiServer.start({ tls: certs, tokens: { 'good-token': 'admin' } });
    fakes.push(fake);
    const credScript = path.join(dir, 'cred.sh');
    writeFileSync(
      credScript,
      `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"good-token","expirationTimestamp":"2999-01-01T00:00:00Z"}}'\n`,
    );
    chmodSync(credScript, 0o755);
    const failing = path.join(dir, 'fail.sh');
    writeFileSync(failing, `#!/bin/sh\necho 'error: your SSO session has expired; run aws sso login' >&2\nexit 1\n`);
    chmodSync(failing, 0o755);
    const closed = await FakeKubeApiServer.start();
    const closedUrl = closed.url;
    await closed.close();

    const file = writeKubeconfig(path.join(dir, 'config'), [
      { name: 'token', server: fake.url, ca: certs.ca, token: 'good-token' },
      { name: 'exec', server: fake.url, ca: certs.ca, exec: { command: credScript } },
      { name: 'expired', server: fake.url, ca: certs.ca, token: 'expired-token' },
      { name: 'wrong-ca', server: fake.url, ca: other.ca, token: 'good-token' },
      { name: 'down', server: closedUrl, token: 'good-token' },
      { name: 'no-plugin', server: fake.url, ca: certs.ca, exec: { command: 'berth-no-such-credential-tool' } },
      { name: 'plugin-fails', server: fake.url, ca: certs.ca, exec: { command: failing } },
    ]);
    const clusters = new KubeClusters({ kubeconfig: file });
    const reach = async (name: string) => clusters.reach(name);

    expect(await reach('token')).toEqual({ context: 'token', reachable: true, version: 'v1.31.0-fake' });
    expect(await reach('exec')).toMatchObject({ reachable: true });
    expect(fake.requests.filter((r) => r.user === 'admin')).toHaveLength(2);

    const expired = await reach('expired');
    expect(expired).toMatchObject({ reachable: false, kind: 'unauthorized' });
    expect(expired.reachable === false && expired.message).toMatch(/refused your credentials .*expired or are wrong/);

    const wrongCa = await reach('wrong-ca');
    expect(wrongCa.reachable === false && wrongCa.message).toMatch(/does not trust the certificate .*wrong CA/);

    const down = await reach('down');
    expect(down.reachable === false && down.message).toContain(
      `could not reach the API server at ${closedUrl}: nothing is listening there`,
    );

    const noPlugin = await reach('no-plugin');
    expect(noPlugin.reachable === false && noPlugin.message).toMatch(
      /berth-no-such-credential-tool.* is not installed/,
    );

    const pluginFails = await reach('plugin-fails');
    expect(pluginFails.reachable === false && pluginFails.message).toMatch(
      /failed: error: your SSO session has expired/,
    );
  });
});
