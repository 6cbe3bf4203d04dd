// Bad input and leftovers: each ends in `error` within seconds with dockerd's own words, or is recovered.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pingUnix } from '../docker/client';
import { BerthError } from '../../shared/errors';
import { isAlive } from './processes';
import { nativeFixture } from './test-support/native-fixture';
import { testEngine } from '../../../harness/context';

const fixture = nativeFixture();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await fixture.teardown();
});

async function startFails(t: ReturnType<typeof fixture.create>): Promise<BerthError> {
  const began = Date.now();
  const err = await t.host.start().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  expect(Date.now() - began).toBeLessThan(10000);
  expect(t.host.status().state).toBe('error');
  return err as BerthError;
}

describe('NativeHost faults (real dockerd)', () => {
  it('a dockerd that exits at once (bad flag) ends in error with the daemon’s own message', async () => {
    const t = fixture.create({ extraFlags: ['--no-such-flag'] });
    const err = await startFails(t);
    const failure = t.host.status().failure!;
    expect(failure.step).toBe('Starting dockerd');
    expect(failure.message).toContain('unknown flag: --no-such-flag');
    expect(failure.fix).toMatch(/engine flag/);
    expect(failure.logTail.join('\n')).toContain('unknown flag: --no-such-flag');
    expect(err.message).toContain('dockerd stopped during start-up (exit code 1): unknown flag: --no-such-flag');
  });

  it('a data-root that cannot be created ends in error naming it', async () => {
    const t = fixture.create();
    mkdirSync(t.host.paths.dir, { recursive: true });
    writeFileSync(join(t.home.dir, 'not-a-dir'), 'x');
    const t2 = fixture.create({ extraFlags: [`--data-root=${join(t.home.dir, 'not-a-dir', 'root')}`] });
    await startFails(t2);
    expect(t2.host.status().failure!.message).toMatch(/not a directory/);
  });

  it('another dockerd holding the pidfile: error with dockerd’s message, and that dockerd is left alone', async () => {
    const other = testEngine(); // the harness's engine plays the "other daemon"
    const otherPid = Number(readFileSync(join(other.dir, 'dockerd.pid'), 'utf8'));
    expect(isAlive(otherPid)).toBe(true);
    const t = fixture.create();
    mkdirSync(t.host.paths.dir, { recursive: true });
    writeFileSync(t.host.paths.pidfile, String(otherPid));
    await startFails(t);
    const failure = t.host.status().failure!;
    expect(failure.message).toContain('pid file found');
    expect(failure.fix).toContain(t.host.paths.pidfile);
    expect(
      t.events.some((e) => e.type === 'progress' && e.progress.includes(`Another dockerd (pid ${otherPid})`)),
    ).toBe(true);
    expect(isAlive(otherPid)).toBe(true);
    expect((await pingUnix(other.socket)).ok).toBe(true);
    await t.host.stop();
    expect(isAlive(otherPid)).toBe(true);
  });

  it('a missing dockerd binary is a clear error', async () => {
    const t = fixture.create({ dockerdPath: '/nonexistent/dockerd' });
    await startFails(t);
    expect(t.host.status().failure).toMatchObject({ step: 'Checking prerequisites' });
    expect(t.host.status().failure!.message).toContain('"/nonexistent/dockerd" is not an executable file');
    expect(t.host.status().failure!.fix).toContain('sudo apt-get install docker.io');
  });

  it('recovers a stale pidfile whose pid now belongs to another program, and a stale socket', async () => {
    const t = fixture.create();
    mkdirSync(t.host.paths.dir, { recursive: true, mode: 0o700 });
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    children.push(sleeper);
    writeFileSync(t.host.paths.pidfile, `${sleeper.pid}`);
    // A real unix socket nobody listens on any more: its listener was SIGKILLed.
    const listener = spawn(
      process.execPath,
      ['-e', `require('net').createServer().listen(${JSON.stringify(t.host.paths.socket)}, () => console.log('up'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((r) => listener.stdout!.once('data', r));
    listener.kill('SIGKILL');
    await new Promise((r) => listener.once('exit', r));
    expect(existsSync(t.host.paths.socket)).toBe(true);

    expect(await t.host.start()).toBe('running');
    const notes = t.events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    expect(notes).toContain(`Removed a stale pidfile (its pid ${sleeper.pid} now belongs to another program)`);
    expect(notes).toContain('Removed a stale engine socket (nothing answers on it)');
    expect(isAlive(sleeper.pid)).toBe(true); // never killed
    expect(Number(readFileSync(t.host.paths.pidfile, 'utf8'))).toBe(t.host.status().pid);
  });

  it('recovers after a crash left its pidfile and socket: a new Berth session starts the engine again', async () => {
    const t = fixture.create();
    await t.host.start();
    const pid = t.host.status().pid!;
    process.kill(pid, 'SIGKILL'); // no supervisor: the host reports the crash
    await new Promise((r) => setTimeout(r, 500));
    expect(t.host.status()).toMatchObject({ state: 'error', failure: { step: 'Running' } });
    expect(t.host.status().failure!.message).toContain('signal SIGKILL');
    expect(existsSync(t.host.paths.pidfile)).toBe(true);
    expect(existsSync(t.host.paths.socket)).toBe(true);

    const again = fixture.create({ paths: t.home.paths, network: t.home.network, cgroupParent: t.home.cgroupParent });
    expect(await again.host.start()).toBe('running');
    const notes = again.events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    expect(notes).toContain(`Removed a stale pidfile (dockerd ${pid} is no longer running)`);
    expect(notes).toContain('Removed a stale engine socket (nothing answers on it)');
    await t.host.stop(); // from error: cleans up, must not touch the new engine
    expect((await pingUnix(again.host.paths.socket)).ok).toBe(true);
  });
});
