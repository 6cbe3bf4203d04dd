// The rootless engine as a real unprivileged user created for the test (useradd + subordinate id ranges).
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runDocker } from '../../../harness/engine';
import { buildBusybox } from '../../../harness/fixtures';
import type { TestEngine } from '../../../harness/engine';
import { pingUnix } from '../docker/client';
import { processesMentioning } from './processes';
import { createTempHome, type TempHome } from './test-support/temp-home';
import { findBinary } from './binaries';
import { skipUnless } from '../../../harness/skip';

const driver = fileURLToPath(new URL('./test-support/rootless-driver.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const users: string[] = [];
const homes: TempHome[] = [];
const drivers: ChildProcessWithoutNullStreams[] = [];

const TUN = '/dev/net/tun';
let tunModeToRestore: number | undefined;

/** Sets /dev/net/tun's mode for one test (some hosts ship it 0600); afterEach puts it back. */
function setTunMode(mode: number): void {
  tunModeToRestore ??= statSync(TUN).mode & 0o777;
  chmodSync(TUN, mode);
}

afterEach(async () => {
  if (tunModeToRestore !== undefined) chmodSync(TUN, tunModeToRestore);
  tunModeToRestore = undefined;
  for (const d of drivers.splice(0)) d.kill('SIGKILL');
  for (const h of homes.splice(0)) await h.cleanup();
  for (const u of users.splice(0)) {
    try {
      execFileSync('pkill', ['-KILL', '-u', u], { stdio: 'ignore' }); // only processes of the user created for this test
    } catch {
      /* none left */
    }
    execFileSync('userdel', [u], { stdio: 'ignore' });
  }
});

function createUser(withSubordinateIds: boolean): { name: string; uid: number; gid: number; home: TempHome } {
  const name = `berthrl${randomBytes(3).toString('hex')}`;
  execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  users.push(name);
  // useradd grants a range itself (SUB_UID_COUNT in /etc/login.defs); make the state explicit either way.
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith(`${name}:`));
    writeFileSync(file, kept.length ? `${kept.join('\n')}\n` : '');
  }
  if (withSubordinateIds) {
    const base = 1_000_000 + Math.floor(Math.random() * 20_000) * 65536;
    const range = `${base}-${base + 65535}`;
    execFileSync('usermod', ['--add-subuids', range, '--add-subgids', range, name]);
  }
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }));
  const home = createTempHome('rl');
  homes.push(home);
  mkdirSync(join(home.dir, 'run'), { mode: 0o700 });
  execFileSync('chown', ['-R', `${uid}:${gid}`, home.dir]);
  chownSync(home.dir, uid, gid);
  return { name, uid, gid, home };
}

/** Starts the driver as `user`; resolves each JSON line through `lines`. */
function runDriver(user: { name: string; home: TempHome }) {
  const env = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: user.home.dir,
    BERTH_HOME: user.home.dir,
    XDG_RUNTIME_DIR: join(user.home.dir, 'run'),
    TSX_DISABLE_CACHE: '1',
  };
  const child = spawn(
    'runuser',
    ['-u', user.name, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), tsx, driver],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  drivers.push(child);
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  createInterface({ input: child.stdout }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      /* not ours */
    }
  });
  const waitLine = async (key: string, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const found = lines.find((l) => key in l);
      if (found) return found;
      const failed = lines.find((l) => 'failed' in l);
      if (failed) throw new Error(`The rootless driver failed while waiting for "${key}": ${JSON.stringify(failed)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `The rootless driver printed no "${key}" line in ${ms} ms. stderr:\n${stderr}\nlines:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`,
    );
  };
  return { child, lines, waitLine };
}

const missingTools = ['rootlesskit', 'newuidmap', 'slirp4netns', 'useradd', 'runuser'].filter((b) => !findBinary(b));
const noRootless = skipUnless(
  missingTools.length === 0,
  `the rootless engine test needs ${missingTools.join(', ')} (apt-get install rootlesskit uidmap slirp4netns)`,
);

describe.skipIf(noRootless)('rootless engine as an unprivileged user (real rootlesskit + dockerd)', () => {
  it('starts through rootlesskit, runs a container, and stops without leftovers', async () => {
    const user = createUser(true);
    setTunMode(0o666); // Debian's default; slirp4netns opens it as the user
    const d = runDriver(user);
    const hello = (await d.waitLine('mode', 20000)) as { mode: string; socket: string; uid: number };
    expect(hello).toMatchObject({ mode: 'rootless', uid: user.uid });
    const started = (await d.waitLine('started', 60000).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${JSON.stringify(d.lines.find((l) => 'failed' in l))}`);
    })) as { started: string; status: { state: string; pid: number } };
    expect(started.started).toBe('running');
    expect((await pingUnix(hello.socket)).ok).toBe(true);

    const host = `unix://${hello.socket}`;
    const info = await runDocker(host, ['info', '--format', '{{json .SecurityOptions}} {{.DockerRootDir}}']);
    expect(info.stdout).toContain('rootless');
    expect(info.stdout).toContain(user.home.dir);
    const image = await buildBusybox({
      dir: user.home.dir,
      docker: (args: string[], input?: string | Buffer) => runDocker(host, args, input),
    } as unknown as TestEngine);
    const run = await runDocker(host, ['run', '--rm', image, 'id', '-u']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('0'); // root inside, the test user outside
    const owner = execFileSync('stat', ['-c', '%U', join(user.home.dir, 'data', 'engine', 'data-root')], {
      encoding: 'utf8',
    }).trim();
    expect(owner).toBe(user.name);

    d.child.stdin.write('stop\n');
    const stopped = (await d.waitLine('stopped', 30000)) as { stopped: { state: string } };
    expect(stopped.stopped.state).toBe('stopped');
    expect(processesMentioning(join(user.home.dir, 'data'))).toEqual([]);
    const progress = d.lines.flatMap((l) =>
      (l.event as { type?: string; progress?: string } | undefined)?.type === 'progress'
        ? [(l.event as { progress: string }).progress]
        : [],
    );
    expect(progress).toEqual(
      expect.arrayContaining(['Checking prerequisites', 'Starting dockerd', 'Waiting for the engine API']),
    );
  });

  it('says how to open /dev/net/tun when the user cannot (a host that ships it 0600)', async () => {
    const user = createUser(true);
    setTunMode(0o600);
    const d = runDriver(user);
    const failed = (await d.waitLine('failed', 30000)) as { failed: string; status: { failure: { step: string } } };
    expect(failed.status.failure.step).toBe('Checking prerequisites');
    expect(failed.failed).toContain(`/dev/net/tun cannot be opened by user "${user.name}"`);
    expect(failed.failed).toContain('sudo chmod 0666 /dev/net/tun');
  });

  it('says exactly what to configure when the user has no subordinate id range', async () => {
    const user = createUser(false);
    const d = runDriver(user);
    const failed = (await d.waitLine('failed', 30000)) as {
      failed: string;
      status: { state: string; failure: { step: string } };
    };
    expect(failed.status.state).toBe('error');
    expect(failed.status.failure.step).toBe('Checking prerequisites');
    expect(failed.failed).toContain(`/etc/subuid grants no id range to user "${user.name}"`);
    expect(failed.failed).toContain(`/etc/subgid grants no id range to user "${user.name}"`);
    expect(failed.failed).toMatch(new RegExp(`sudo usermod --add-subuids \\d+-\\d+ ${user.name}`));
  });
});
