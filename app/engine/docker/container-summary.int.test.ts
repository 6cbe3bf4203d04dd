// One container's row read by inspect, against the real engine: it matches the list's row, it is
// already right when the pause event arrives, and it knows restart counts, OOM kills and health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { containerSummary, enrichContainers, listContainers } from './containers';
import { pauseContainer, unpauseContainer } from './containers-lifecycle';
import { streamEvents } from './events';
import { freePortRange } from '../../../harness/free-ports';

let client: EngineClient;
const made: string[] = [];
const basePort = await freePortRange(3);
const docker = (args: string[]) => testEngine().docker(args);

async function run(prefix: string, args: string[]): Promise<string> {
  const name = uniqueName(`cs-${prefix}`);
  made.push(name);
  const r = await docker(['run', '-d', '--name', name, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return name;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  if (made.length) await docker(['rm', '-f', ...made]);
});

describe('containerSummary', () => {
  it('gives the same row as the list, with the exact start time and the same ports', async () => {
    const name = await run('same', [
      '-p',
      `${basePort}:81`,
      '-p',
      `127.0.0.1:${basePort + 1}:86`,
      '-p',
      `${basePort + 2}:83/udp`,
      '--label',
      'berth.test=summary',
      fixtures().busybox,
      'sh',
      '-c',
      'sleep 600',
    ]);
    const listed = (await listContainers(client, { all: true })).find((c) => c.name === name)!;
    const read = (await containerSummary(client, name))!;
    const startedAt = Date.parse((await docker(['inspect', '-f', '{{.State.StartedAt}}', name])).stdout.trim());
    expect(read).toMatchObject({
      id: listed.id,
      name,
      image: listed.image,
      imageId: listed.imageId,
      command: listed.command,
      created: listed.created,
      state: 'running',
      labels: listed.labels,
      networks: listed.networks,
      restartCount: 0,
      oomKilled: false,
      startedAt,
    });
    expect(read.status).toMatch(/^Up /);
    expect(new Set(read.ports.map((p) => JSON.stringify(p)))).toEqual(
      new Set(listed.ports.map((p) => JSON.stringify(p))),
    );
    // The list's estimate of the start time is within its status line's precision (1 s here).
    expect(Math.abs(listed.startedAt! - startedAt)).toBeLessThan(1500);
  });

  it('converges to paused (and running again) within a second of the engine announcing it', async () => {
    // This engine (20.10) announces pause before its inspect says so: the renderer reads again
    // shortly after a read that contradicts the event, as done here.
    const name = await run('pause', [fixtures().busybox, 'sleep', '600']);
    const ac = new AbortController();
    const seen: { action: string; state: string | undefined; ms: number }[] = [];
    const reading = (async () => {
      for await (const batch of streamEvents(client, { signal: ac.signal, filters: { container: [name] } }))
        for (const e of batch) {
          if (e.action !== 'pause' && e.action !== 'unpause') continue;
          const want = e.action === 'pause' ? 'paused' : 'running';
          const t0 = Date.now();
          let state = (await containerSummary(client, e.id))?.state;
          while (state !== want && Date.now() - t0 < 1000) {
            await new Promise((r) => setTimeout(r, 50));
            state = (await containerSummary(client, e.id))?.state;
          }
          seen.push({ action: e.action, state, ms: Date.now() - t0 });
        }
    })().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await pauseContainer(client, name);
    await until(
      async () => seen.length,
      (n) => n >= 1,
    );
    await unpauseContainer(client, name);
    await until(
      async () => seen.length,
      (n) => n >= 2,
    );
    ac.abort();
    await reading;
    expect(seen.map((s) => `${s.action}:${s.state}`)).toEqual(['pause:paused', 'unpause:running']);
    for (const s of seen) expect(s.ms).toBeLessThan(1000);
  });

  it('counts the restarts of a restart loop, also in the list', async () => {
    const name = await run('loop', ['--restart', 'always', fixtures().busybox, 'sh', '-c', 'sleep 0.3; exit 3']);
    const read = await until(
      () => containerSummary(client, name),
      (c) => (c?.restartCount ?? 0) >= 2,
    );
    expect(read).toMatchObject({ exitCode: expect.any(Number) as number, oomKilled: false });
    const listed = await enrichContainers(
      client,
      (await listContainers(client, { all: true })).filter((c) => c.name === name),
    );
    expect(listed[0]!.restartCount).toBeGreaterThanOrEqual(2);
  });

  it('knows an OOM kill behind "Exited (137)", also in the list', async () => {
    const name = uniqueName('cs-oom');
    made.push(name);
    await docker(['run', '--name', name, '-m', '8m', '--memory-swap', '8m', fixtures().busybox, 'tail', '/dev/zero']);
    // dockerd records the kernel's OOM event and the exit separately; the OOM event can land a
    // moment after `docker run` has returned on the exit, so read until it has (or time out).
    const read = (await until(
      () => containerSummary(client, name),
      (c) => c?.oomKilled === true,
    ))!;
    expect(read).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true });
    expect(read.status).toMatch(/^Exited \(137\) /);
    const listed = await enrichContainers(
      client,
      (await listContainers(client, { all: true })).filter((c) => c.name === name),
    );
    expect(listed[0]).toMatchObject({ exitCode: 137, oomKilled: true });
  });

  it('says health: starting, then healthy', async () => {
    const name = await run('health', [
      '--health-cmd',
      'test -f /tmp/ok',
      '--health-interval',
      '1s',
      '--health-start-period',
      '30s',
      fixtures().busybox,
      'sh',
      '-c',
      'sleep 2; touch /tmp/ok; sleep 600',
    ]);
    expect((await containerSummary(client, name))?.health).toBe('starting');
    const healthy = await until(
      () => containerSummary(client, name),
      (c) => c?.health === 'healthy',
    );
    expect(healthy!.status).toMatch(/\(healthy\)$/);
    const listed = (await listContainers(client, { all: true })).find((c) => c.name === name)!;
    expect(listed.health).toBe('healthy');
  });

  it('is undefined for a container that does not exist', async () => {
    expect(await containerSummary(client, uniqueName('cs-none'))).toBeUndefined();
  });
});
