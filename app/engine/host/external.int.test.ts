// External engines against real ones: the harness's dockerd and a Berth engine exposed as the "rootless" socket.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { pingUnix } from '../docker/client';
import { BerthError } from '../../shared/errors';
import { diagnosticChecks, runDiagnostics } from './diagnostics';
import { detectExternalEngines, ExternalHost } from './external-host';
import { EngineSelection } from './selection';
import { nativeFixture, waitFor } from './test-support/native-fixture';

const fixture = nativeFixture();
afterEach(() => fixture.teardown());

function dockerHome(dir: string, context: { name: string; host: string }): void {
  const meta = join(dir, '.docker', 'contexts', 'meta', 'abc');
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(dir, '.docker', 'config.json'), JSON.stringify({ currentContext: context.name }));
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({ Name: context.name, Endpoints: { docker: { Host: context.host } } }),
  );
}

describe('external engines (real dockerd)', () => {
  it('detects candidates in order, probing each and saying why it is (not) reachable', async () => {
    const system = testEngine();
    const second = fixture.create({}, 'ext');
    await second.host.start();
    const home = second.home.dir;
    const runtime = join(home, 'run');
    mkdirSync(runtime);
    symlinkSync(second.host.paths.socket, join(runtime, 'docker.sock'));
    dockerHome(home, { name: 'remote', host: 'ssh://nobody@127.0.0.1:1' });
    const missing = join(home, 'nowhere.sock');

    const list = await detectExternalEngines({
      explicit: missing,
      env: { DOCKER_HOST: system.host, XDG_RUNTIME_DIR: runtime },
      home,
      uid: 1000,
      timeoutMs: 2000,
    });
    expect(list.map((c) => c.source)).toEqual([
      'setting',
      'DOCKER_HOST',
      'docker-context',
      'system-socket',
      'rootless-socket',
      'podman-socket',
    ]);
    const [setting, dockerHost, context, , rootless, podman] = list;
    expect(setting).toMatchObject({ reachable: false, reason: `no socket at ${missing}` });
    expect(dockerHost).toMatchObject({ reachable: true, url: system.host });
    expect(dockerHost!.reason).toMatch(/^answered \/_ping \(API 1\.\d+\)$/);
    expect(context).toMatchObject({ label: 'Docker context "remote"', reachable: false });
    expect(context!.reason).toMatch(/ssh to ssh:\/\/nobody@127\.0\.0\.1:1 failed: .*Connection refused/);
    expect(rootless).toMatchObject({ reachable: true });
    expect(podman).toMatchObject({
      reachable: false,
      reason: `no socket at ${join(runtime, 'podman', 'podman.sock')}`,
    });

    // First run without dockerd: the first reachable external engine, in detection order.
    const paths = { data: join(home, 'd'), config: join(home, 'c') };
    const withDockerHost = new EngineSelection({
      paths,
      dockerdInstalled: () => false,
      env: { DOCKER_HOST: system.host, XDG_RUNTIME_DIR: runtime },
      home,
      uid: 1000,
    });
    expect(await withDockerHost.decideDefault()).toMatchObject({
      kind: 'choice',
      choice: { kind: 'external', url: system.host },
    });
    const withoutDockerHost = new EngineSelection({
      paths,
      dockerdInstalled: () => false,
      env: { XDG_RUNTIME_DIR: runtime },
      home,
      uid: 1000,
    });
    expect(await withoutDockerHost.decideDefault()).toMatchObject({
      choice: { kind: 'external', url: `unix://${join(runtime, 'docker.sock')}` },
    });
  });

  it('connects to a running engine and disconnects without stopping it', async () => {
    const system = testEngine();
    const host = new ExternalHost(system.host, { kind: 'unix', socketPath: system.socket }, 'System Docker engine');
    expect(await host.start()).toBe('running');
    expect(host.status().progress).toMatch(/^Connected to System Docker engine \(API 1\.\d+\)$/);
    await host.stop();
    expect(host.status()).toMatchObject({ state: 'stopped', progress: 'Disconnected (the engine keeps running)' });
    expect((await pingUnix(system.socket)).ok).toBe(true);
  });

  it('waits for a missing engine; gives a clear error naming what failed: not a socket, bad scheme, refused ssh host', async () => {
    const missing = new ExternalHost('/nonexistent/berth.sock', {
      kind: 'unix',
      socketPath: '/nonexistent/berth.sock',
    });
    expect(await missing.start()).toBe('starting');
    expect(missing.status()).toMatchObject({
      state: 'starting',
      progress:
        'Waiting for the engine at /nonexistent/berth.sock (no socket at /nonexistent/berth.sock); Berth connects as soon as it answers.',
    });
    expect(missing.status().failure).toBeUndefined();
    await missing.stop();
    expect(missing.status().state).toBe('stopped');

    const file = join(fixture.create({}, 'ext').home.dir, 'not-a-socket');
    writeFileSync(file, '');
    const notSocket = new ExternalHost(file, { kind: 'unix', socketPath: file });
    const e1 = (await notSocket.start().catch((e: unknown) => e)) as BerthError;
    expect(e1).toBeInstanceOf(BerthError);
    expect(e1.message).toBe(
      `Could not connect to the engine at ${file}: ${file} exists but is not a socket. Berth does not start external engines: start it yourself, fix the address, or choose another engine.`,
    );
    expect(notSocket.status()).toMatchObject({
      state: 'error',
      failure: { step: `Connecting to Engine at ${file}` },
    });

    const sel = new EngineSelection({ paths: { data: '/nonexistent/d', config: '/nonexistent/c' } });
    const e2 = (() => {
      try {
        sel.createHost({ kind: 'external', url: 'ftp://10.0.0.1/docker' });
      } catch (e) {
        return e as BerthError;
      }
    })();
    expect(e2).toBeInstanceOf(BerthError);
    expect(e2!.message).toContain(
      'The engine address "ftp://10.0.0.1/docker" is not usable: the scheme "ftp" is not supported',
    );

    const ssh = new ExternalHost('ssh://nobody@127.0.0.1:1', {
      kind: 'ssh',
      host: '127.0.0.1',
      port: 1,
      username: 'nobody',
    });
    const e3 = (await ssh.start().catch((e: unknown) => e)) as BerthError;
    expect(e3.message).toMatch(
      /^Could not connect to the engine at ssh:\/\/nobody@127\.0\.0\.1:1: ssh to ssh:\/\/nobody@127\.0\.0\.1:1 failed: .*Connection refused/,
    );
    await ssh.stop();
  });

  it('switches the active engine at run time and persists the choice', async () => {
    const system = testEngine();
    const t = fixture.create({}, 'sel');
    const sel = new EngineSelection({
      paths: t.home.paths,
      supervisor: false,
      native: { network: t.home.network, cgroupParent: t.home.cgroupParent, stopTimeoutMs: 10000 },
    });
    const changes: (string | undefined)[] = [];
    sel.onChange((h) => changes.push(h?.id));
    const native = await sel.activate({ kind: 'native' });
    expect('status' in native && native.status().state).toBe('running');
    const nativeSocket = t.host.paths.socket;
    expect((await pingUnix(nativeSocket)).ok).toBe(true);

    const external = await sel.activate({ kind: 'external', url: system.host });
    expect('status' in external && external.status().state).toBe('running');
    expect((await pingUnix(nativeSocket)).ok).toBe(false); // Berth's engine stopped: one active engine
    expect(JSON.parse(readFileSync(join(t.home.paths.config, 'engine.json'), 'utf8')).active).toEqual({
      kind: 'external',
      url: system.host,
    });
    expect(await new EngineSelection({ paths: t.home.paths }).resolve()).toEqual({
      kind: 'external',
      url: system.host,
    });

    await sel.deactivate();
    expect((await pingUnix(system.socket)).ok).toBe(true); // an external engine is never stopped
    expect(changes).toEqual(['native', undefined, `external:${system.host}`, undefined]);
  });

  it('diagnoses a real engine: socket reachable, API version supported; managed-engine checks skipped', async () => {
    const system = testEngine();
    const out = await runDiagnostics(
      diagnosticChecks({ hostKind: 'external', address: { kind: 'unix', socketPath: system.socket } }),
    );
    const byId = Object.fromEntries(out.map((o) => [o.id, o]));
    expect(byId['socket-reachable']).toMatchObject({ status: 'passed' });
    expect(byId['api-version']!.status).toBe('passed');
    expect(byId['api-version']!.detail).toMatch(/^the engine speaks API 1\.\d+; Berth speaks 1\.41–1\.47$/);
    expect(byId['dockerd-installed']!.status).toBe('skipped');
    expect(byId['tcp-without-tls']!.status).toBe('passed');
  });

  it('watches a connected engine: error with the reason when it goes away, running again when it is back', async () => {
    const t = fixture.create({}, 'watch');
    await t.host.start();
    const url = `unix://${t.host.paths.socket}`;
    const ext = new ExternalHost(url, { kind: 'unix', socketPath: t.host.paths.socket }, 'Test engine', 500, 200);
    expect(await ext.start()).toBe('running');
    await t.host.stop();
    await waitFor(() => ext.status().state === 'error', 5000, 'the external host to notice');
    expect(ext.status().failure).toMatchObject({ step: 'Watching Test engine' });
    expect(ext.status().failure!.message).toBe(
      `The engine at ${url} stopped answering: no socket at ${t.host.paths.socket}.`,
    );
    await t.host.start();
    await waitFor(() => ext.status().state === 'running', 5000, 'the external host to reconnect');
    expect(ext.status().progress).toBe('Reconnected to Test engine');
    await ext.stop();
    expect((await pingUnix(t.host.paths.socket)).ok).toBe(true); // disconnecting never stops the engine
  });
});
