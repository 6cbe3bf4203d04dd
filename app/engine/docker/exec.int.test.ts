import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { BerthError } from '../../shared/errors';
import { connectEngine, type EngineClient } from './client';
import { runContainer } from './container-run';
import { topContainer } from './containers';
import { execCapture, openExecSession, type ExecSession } from './exec';

let client: EngineClient;
let box: string;
const made: string[] = [];

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  box = uniqueName('be-box');
  made.push(box);
  await runContainer(client, { image: fixtures().busybox, name: box, command: ['sleep', '3600'] });
});

afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
});

/** A read a timed-out readUntil left waiting; the next readUntil takes it over, so no output is lost. */
const waitingRead = new WeakMap<AsyncIterator<Uint8Array>, Promise<IteratorResult<Uint8Array>>>();

/** Reads the session's output until `re` matches the text so far. */
async function readUntil(
  s: ExecSession,
  it: AsyncIterator<Uint8Array>,
  re: RegExp,
  timeoutMs = 10000,
): Promise<string> {
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`exec ${s.execId}: timed out waiting for ${re}; got ${JSON.stringify(text)}`)),
      timeoutMs,
    );
  });
  try {
    while (!re.test(text)) {
      const next = waitingRead.get(it) ?? it.next();
      waitingRead.set(it, next);
      const r = await Promise.race([next, timeout]);
      waitingRead.delete(it);
      if (r.done) break;
      text += Buffer.from(r.value).toString('utf8');
    }
  } finally {
    clearTimeout(timer);
  }
  return text;
}

function dockerdPid(): number {
  return Number(readFileSync(join(testEngine().dir, 'dockerd.pid'), 'utf8').trim());
}

/** The dockerd's open file descriptors (sockets, pipes, ptys …). */
function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Inodes of the unix sockets a process holds. */
function socketInodes(pid: number): Set<string> {
  const out = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  return out;
}

/**
 * The engine's connections whose other end is in this test process — exact even while other test
 * files use the same engine (`ss` knows each unix socket's peer).
 */
function engineConnectionsToUs(enginePid: number): number {
  const ours = socketInodes(process.pid);
  const text = execFileSync('ss', ['-xpn'], { encoding: 'utf8' });
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line.includes(`pid=${enginePid},`)) continue;
    const f = line.trim().split(/\s+/);
    if (ours.has(f[7] ?? '')) n++;
  }
  return n;
}

describe('exec', () => {
  it('runs and captures stdout, stderr, exit code and stdin', async () => {
    const r = await execCapture(client, box, ['sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(r).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 7 });
    const withInput = await execCapture(client, box, ['sh', '-c', 'tr a-z A-Z'], { stdin: 'hello\n' });
    expect(withInput.stdout).toBe('HELLO\n');
    const asUser = await execCapture(client, box, ['id', '-u'], { user: 'nobody' });
    expect(asUser.stdout.trim()).toBe('65534');
    const big = await execCapture(client, box, ['seq', '1', '100000']);
    expect(big.stdout.split('\n').length).toBe(100001);
  });

  /** The execs the engine created in `container` since `since` (unix seconds), by its events. */
  async function execsCreated(container: string, since: number): Promise<number> {
    const r = await testEngine().docker([
      'events',
      '--since',
      String(since),
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      `container=${container}`,
      '--filter',
      'event=exec_create',
      '--format',
      '{{.Action}}',
    ]);
    return r.stdout.split('\n').filter(Boolean).length;
  }

  it('chooses the shell inside one exec: sh in busybox, bash once there is one, a sentence when there is none', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const plain = uniqueName('be-sh');
    const withBash = uniqueName('be-bash');
    const noShell = uniqueName('be-noshell');
    made.push(plain, withBash, noShell);
    const image = fixtures().busybox;
    await runContainer(client, { image, name: plain, command: ['sleep', '3600'] });
    // busybox has no bash applet: a bash that says who it is, then runs sh.
    const fakeBash = 'printf \'#!/bin/sh\\nBERTH_BASH=yes exec sh "$@"\\n\' > /bin/bash; chmod +x /bin/bash';
    await runContainer(client, { image, name: withBash, command: ['sh', '-c', `${fakeBash}; exec sleep 3600`] });
    await runContainer(client, { image, name: noShell, command: ['sh', '-c', 'rm /bin/sh; exec sleep 3600'] });
    await new Promise((r) => setTimeout(r, 300));

    const sh = await openExecSession(client, plain);
    try {
      expect(sh.command).toEqual(['sh']);
      expect(sh.shell).toBe('sh');
      const out = sh.output[Symbol.asyncIterator]();
      sh.write('echo "[$0]"\n');
      const seen = await readUntil(sh, out, /\[sh\]/);
      expect(seen).not.toContain('berth-shell'); // the mark never reaches the terminal
    } finally {
      await sh.close();
    }
    expect(await execsCreated(plain, since)).toBe(1);

    const bash = await openExecSession(client, withBash);
    try {
      expect(bash.command).toEqual(['bash']);
      const out = bash.output[Symbol.asyncIterator]();
      bash.write('echo "[$BERTH_BASH]"\n');
      expect(await readUntil(bash, out, /\[yes\]/)).toMatch(/\[yes\]/);
    } finally {
      await bash.close();
    }
    expect(await execsCreated(withBash, since)).toBe(1);

    const err = await openExecSession(client, noShell).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({
      kind: 'invalid',
      field: 'shell',
      message: `Container "${noShell}" has no shell (neither bash nor sh). Choose a command to run instead.`,
    });
  });

  it('says when its input socket is full and when it takes input again (backpressure)', async () => {
    const s = await openExecSession(client, box, { cmd: ['sh'] });
    try {
      const it = s.output[Symbol.asyncIterator]();
      await readUntil(s, it, /# /);
      // The shell reads nothing while it sleeps: a paste fills the terminal, the engine and the socket.
      s.write('sleep 4; wc -c\n');
      const line = `${'x'.repeat(1023)}\n`;
      let written = 0;
      let full = false;
      const sleep = (ms: number) => new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms));
      // Fill until the socket stays full: drained() is then pending while nothing reads.
      while (!full && written < 20_000) {
        while (s.write(line)) written++;
        written++;
        full = (await Promise.race([s.drained().then(() => 'drained' as const), sleep(300)])) === 'waiting';
      }
      expect(full).toBe(true);
      await s.drained(); // resolves once the shell's wc reads
      s.write('\x04');
      const count = String(written * 1024);
      expect(await readUntil(s, it, new RegExp(`\\b${count}\\b`), 30000)).toContain(count);
    } finally {
      await s.close();
    }
  });

  it('opens a TTY session, sees the size given at start, resizes, and reports the exit code', async () => {
    const s = await openExecSession(client, box, { cols: 100, rows: 30 });
    expect(s.command).toEqual(['sh']);
    expect(s.shell).toBe('sh');
    const it = s.output[Symbol.asyncIterator]();
    s.write('stty size\n');
    expect(await readUntil(s, it, /30 100/)).toMatch(/30 100/);
    await s.resize(132, 43);
    s.write('stty size\n');
    expect(await readUntil(s, it, /43 132/)).toMatch(/43 132/);
    s.write(new Uint8Array(Buffer.from('exit 5\n')));
    // the exit code comes once the output has been read to its end
    for (let r = await it.next(); !r.done; r = await it.next());
    expect(await s.exit).toBe(5);
  });

  it('runs as another user and refuses bad input before the engine', async () => {
    const s = await openExecSession(client, box, { user: 'nobody', cmd: ['sh'] });
    const it = s.output[Symbol.asyncIterator]();
    s.write('id -u\n');
    expect(await readUntil(s, it, /65534/)).toMatch(/65534/);
    await s.close();
    for (const [opts, field] of [
      [{ cols: 0 }, 'cols'],
      [{ user: 'bad user' }, 'user'],
      [{ shell: 'sh; rm -rf /' }, 'shell'],
    ] as const) {
      const err = await openExecSession(client, box, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BerthError);
      expect((err as BerthError).field).toBe(field);
    }
    const nf = await openExecSession(client, 'no-such-container-exec', { cmd: ['sh'] }).catch((e: unknown) => e);
    expect((nf as BerthError).kind).toBe('not-found');
  });

  it('conflict when the container is not running', async () => {
    const stopped = uniqueName('be-stopped');
    made.push(stopped);
    await runContainer(client, { image: fixtures().busybox, name: stopped, command: ['true'], start: false });
    const err = await execCapture(client, stopped, ['true']).catch((e: unknown) => e);
    expect((err as BerthError).kind).toBe('conflict');
  });

  it('opens and closes 200 sessions and leaves the engine with no more connections than before', async () => {
    const pid = dockerdPid();
    // Each step has its own deadline, so a stuck step fails the test by name instead of by its timeout.
    const step = <T>(what: string, p: Promise<T>, ms = 15000): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
      });
      return Promise.race([p, late]).finally(() => clearTimeout(timer));
    };
    // Under heavy load the engine now and then leaves a fresh TTY exec silent: no prompt, or no
    // echo of what was typed (seen once in ~10 000 sessions here, and once on CI). That is the
    // engine's stream, not a leak; such a session is pressed Enter on once, like a user would, then
    // closed and counted. Its close must clean up like any other, so the leak checks below still hold.
    const silent: string[] = [];
    const session = async () => {
      const s = await step('opening a session', openExecSession(client, box, { cmd: ['sh'], cols: 80, rows: 24 }));
      const out = s.output[Symbol.asyncIterator]();
      const sees = (re: RegExp) =>
        readUntil(s, out, re, 5000).then(
          (text) => re.test(text),
          () => false,
        );
      // Like a user, type once the shell shows its prompt (input sent earlier can race its start-up).
      let answered = await sees(/\/ # /);
      if (answered) {
        s.write('echo hi\n');
        answered = await sees(/\r\nhi\r\n/);
      }
      if (!answered) {
        s.write('\necho again\n');
        if (!(await sees(/again\r\n/))) silent.push(s.execId);
      }
      await step(`closing exec ${s.execId}`, s.close());
    };
    const batch = 10;
    // One round first, so the engine's lazily made resources and the client's keep-alive pool exist before the baseline.
    await Promise.all(Array.from({ length: batch }, session));
    await new Promise((r) => setTimeout(r, 500));
    const ourSockets = () => socketInodes(process.pid).size;
    const before = { engine: engineConnectionsToUs(pid), ours: ourSockets(), engineFds: openFds(pid) };
    expect(before.engine).toBeGreaterThan(0); // the measure sees the client's connections
    for (let i = 0; i < 200; i += batch) await Promise.all(Array.from({ length: batch }, session));
    // Let the engine finish tearing down the last execs (and idle keep-alive sockets time out).
    const now = () => ({ engine: engineConnectionsToUs(pid), ours: ourSockets(), engineFds: openFds(pid) });
    let after = now();
    for (let i = 0; i < 150 && (after.engine > before.engine || after.ours > before.ours); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = now();
    }
    console.log(
      `engine connections to this process ${before.engine} -> ${after.engine}, this process's sockets ${before.ours} -> ${after.ours}, dockerd fds ${before.engineFds} -> ${after.engineFds}`,
    );
    if (silent.length) console.log(`sessions the engine left silent: ${silent.length} (${silent.join(', ')})`);
    // A rare silent session is the engine's; many would be Berth's.
    expect(silent.length).toBeLessThanOrEqual(3);
    expect(after.engine).toBeLessThanOrEqual(before.engine);
    expect(after.ours).toBeLessThanOrEqual(before.ours);
    const commands = async () => {
      const top = await topContainer(client, box);
      const cmdCol = top.titles.indexOf('CMD');
      return top.processes.map((p) => p[cmdCol]);
    };
    // No shell left running in the container: only its own sleep.
    expect(await commands()).toEqual(['sleep 3600']);
  }, 120000);
});
