import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { BerthError } from '../../shared/errors';
import { connectEngine, type EngineClient } from './client';
import { runContainer } from './container-run';
import { waitContainer } from './containers-lifecycle';
import { openLocalStream } from './local-stream';
import { readLogs, type LogLine, type LogsOptions } from './logs';

let client: EngineClient;
const made: string[] = [];

async function run(prefix: string, script: string, extra: { tty?: boolean } = {}): Promise<string> {
  const name = uniqueName(`bl-${prefix}`);
  made.push(name);
  await runContainer(client, { image: fixtures().busybox, name, command: ['sh', '-c', script], ...extra });
  return name;
}

async function collect(id: string, opts: LogsOptions = {}): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const batch of readLogs(client, id, opts)) for (const l of batch) out.push(l);
  return out;
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
});

function expectSequence(lines: LogLine[], n: number): void {
  expect(lines.length).toBe(n);
  for (let i = 0; i < n; i++) {
    if (lines[i]!.text !== String(i + 1))
      throw new Error(`line ${i} is ${JSON.stringify(lines[i])}, expected ${i + 1}`);
  }
}

describe('logs', () => {
  it('reads 200 000 lines back complete and in order, non-follow and follow', async () => {
    const name = await run('200k', 'seq 1 200000');
    expect(await waitContainer(client, name)).toBe(0);
    const plain = await collect(name);
    expectSequence(plain, 200_000);
    expect(plain.every((l) => l.stream === 'stdout')).toBe(true);
    // follow on a stopped container ends after the last line
    expectSequence(await collect(name, { follow: true }), 200_000);
  }, 120000);

  it('follows a running container as it prints 200 000 lines', async () => {
    const name = await run('200k-live', 'sleep 0.5; seq 1 200000; sleep 0.5');
    const lines = await collect(name, { follow: true });
    expectSequence(lines, 200_000);
  }, 120000);

  it('keeps stdout and stderr apart, and reads either alone', async () => {
    const name = await run('streams', 'for i in 1 2 3; do echo out$i; echo err$i >&2; done');
    await waitContainer(client, name);
    const both = await collect(name);
    expect(both.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out1', 'out2', 'out3']);
    expect(both.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err1', 'err2', 'err3']);
    expect((await collect(name, { stdout: false })).map((l) => l.text)).toEqual(['err1', 'err2', 'err3']);
    expect((await collect(name, { stderr: false })).map((l) => l.text)).toEqual(['out1', 'out2', 'out3']);
  });

  it("reads a TTY container's logs (one stream, no frames)", async () => {
    const name = await run('tty', 'echo one; echo two >&2; printf "thr\\303\\251e\\n"', { tty: true });
    await waitContainer(client, name);
    const lines = await collect(name);
    expect(lines).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stdout', text: 'thrée' },
    ]);
  });

  it('tail, timestamps, since and until', async () => {
    const name = await run('tail', 'seq 1 10; sleep 2; echo late');
    await waitContainer(client, name);
    expect((await collect(name, { tail: 3 })).map((l) => l.text)).toEqual(['9', '10', 'late']);
    const stamped = await collect(name, { timestamps: true });
    expect(stamped).toHaveLength(11);
    for (const l of stamped) expect(l.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const lateTs = Date.parse(stamped[10]!.ts!) / 1000;
    expect((await collect(name, { since: lateTs - 1 })).map((l) => l.text)).toEqual(['late']);
    expect((await collect(name, { until: lateTs - 1 })).map((l) => l.text)).toHaveLength(10);
  });

  it('keeps a 150 000-character line whole, with and without timestamps, and invalid UTF-8 visible', async () => {
    const name = await run(
      'long',
      'head -c 150000 /dev/zero | tr "\\0" x; echo; printf "a\\377b\\n"; printf "\\342\\202\\254 end\\n"',
    );
    await waitContainer(client, name);
    for (const timestamps of [false, true]) {
      const lines = await collect(name, { timestamps });
      expect(lines.map((l) => l.text.length)).toEqual([150000, 3, 5]);
      expect(lines[0]!.text).toBe('x'.repeat(150000));
      expect(lines[1]!.text).toBe('a\ufffdb');
      expect(lines[2]!.text).toBe('€ end');
    }
  });

  it('yields batches, and stopping early destroys the stream', async () => {
    const name = await run('early', 'seq 1 100000; sleep 300');
    // Wait until the container has printed everything (a busy machine may take seconds), so that a
    // follow from now on (tail 0) has nothing to read.
    for (let i = 0; i < 300; i++) {
      const last = await collect(name, { tail: 1 });
      if (last[0]?.text === '100000') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    let batches = 0;
    let seen = 0;
    for await (const batch of readLogs(client, name, { follow: true })) {
      batches++;
      seen += batch.length;
      if (seen > 1000) break;
    }
    expect(batches).toBeLessThan(seen);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    let after = 0;
    for await (const batch of readLogs(client, name, { follow: true, tail: 0, signal: ac.signal }))
      after += batch.length;
    expect(after).toBe(0);
  });

  it('pauses the socket while the consumer does not pull (backpressure), and frees it on return()', async () => {
    // about 100 KB/s of output, for a while
    const name = await run('flood', 'while true; do seq 100000 102000; sleep 0.1; done');
    /** Bytes the kernel holds for this process on its unix sockets: what Node has not read. */
    const unread = () =>
      execFileSync('ss', ['-xpn'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(`pid=${process.pid},`))
        .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[2] ?? 0), 0);
    const it = readLogs(client, name, { follow: true, tail: 0 })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    await new Promise((r) => setTimeout(r, 2000));
    // Node stopped reading: what the engine sent since sits in the kernel's socket buffer, which
    // is full — the engine is blocked writing, nothing piles up in memory.
    const q1 = unread();
    await new Promise((r) => setTimeout(r, 1000));
    const q2 = unread();
    expect(q1).toBeGreaterThan(0);
    expect(q2).toBe(q1);
    await it.return(undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(unread()).toBe(0); // the connection is gone
  });

  // How many pieces the socket is read in depends on how far the engine runs ahead of the reader
  // (on a quiet machine each of its writes may be read alone); the speed this buys is the bench's
  // ws-logs row. Here: the HTTP/1.0 body arrives whole, byte for byte, with its frame headers.
  it('reads a local engine’s log over HTTP/1.0 whole, byte for byte', async () => {
    const name = await run('pieces', 'seq 1 200000');
    expect(await waitContainer(client, name)).toBe(0);
    const res = await openLocalStream(client, {
      path: `/containers/${name}/logs`,
      query: { stdout: true, stderr: true, tail: 'all' },
    });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    // 200 000 lines of "N\n" behind an 8-byte frame header each (stdout: stream 1, size big-endian)
    expect(body.length).toBe(200_000 * 8 + 1_288_895);
    let at = 0;
    for (let n = 1; n <= 200_000; n++) {
      const line = `${n}\n`;
      if (
        body[at] !== 1 ||
        body.readUInt32BE(at + 4) !== line.length ||
        body.toString('latin1', at + 8, at + 8 + line.length) !== line
      )
        throw new Error(`frame ${n} at byte ${at} is not line ${n}`);
      at += 8 + line.length;
    }
  }, 120000);

  it('an engine error on the log request itself is classified (not-found, from the logs endpoint)', async () => {
    // tty given: no inspect first, so the logs endpoint is the one that answers 404
    const e = await collect('no-such-container-logs', { tty: false }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).kind).toBe('not-found');
    expect((e as BerthError).detail).toMatch(/no such container/i);
  });

  it('not-found for a missing container, invalid for a bad tail', async () => {
    const e1 = await collect('no-such-container-logs').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(BerthError);
    expect((e1 as BerthError).kind).toBe('not-found');
    const e2 = await collect('whatever', { tail: -1 }).catch((e: unknown) => e);
    expect((e2 as BerthError).field).toBe('tail');
  });
});
