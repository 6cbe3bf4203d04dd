import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { runContainer } from './container-run';
import { inspectContainer } from './containers';
import { StatsSampler } from './stats-sampler';
import { locateCgroup, readCgroupCounters } from './stats-cgroup';
import { engineCounters, streamStats, toSample, type StatsSample } from './stats';

let client: EngineClient;
const names: string[] = [];
const N = 20;

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  for (let i = 0; i < N; i++) names.push(uniqueName(`bs-${i}`));
  await Promise.all(
    names.map((name, i) =>
      i % 4 === 0
        ? // a busy one held at a steady 10 % of a CPU by a quota, with 20 MB in /dev/shm
          testEngine().docker([
            'run',
            '-d',
            '--name',
            name,
            '--cpus',
            '0.1',
            fixtures().busybox,
            'sh',
            '-c',
            'head -c 20000000 /dev/zero > /dev/shm/m; yes > /dev/null',
          ])
        : runContainer(client, {
            image: fixtures().busybox,
            name,
            command: ['sh', '-c', `head -c ${i * 100000} /dev/urandom > /tmp/f; sleep 3600`],
          }),
    ),
  );
  await new Promise((r) => setTimeout(r, 1000));
}, 120000);

afterAll(async () => {
  if (names.length) await testEngine().docker(['rm', '-f', ...names]);
});

function collectTicks(sampler: StatsSampler, ids: string[], ticks: number): Promise<Map<string, StatsSample[]>> {
  return new Promise((resolve) => {
    const got = new Map<string, StatsSample[]>();
    let n = 0;
    const off = sampler.subscribe(ids, (batch) => {
      for (const s of batch) got.set(s.id, [...(got.get(s.id) ?? []), s]);
      if (++n >= ticks) {
        off();
        resolve(got);
      }
    });
  });
}

describe('stats', () => {
  it('locates containers in the cgroup tree and reads the same counters as the engine', async () => {
    const info = await inspectContainer(client, names[1]!);
    const loc = locateCgroup(info.State.Pid!, info.Id);
    expect(loc).toBeDefined();
    const [fromCgroup, fromEngine] = await Promise.all([
      readCgroupCounters(info.Id, loc!),
      engineCounters(client, info.Id),
    ]);
    expect(fromCgroup.memUsage).toBeGreaterThan(0);
    expect(Math.abs(fromCgroup.memUsage - fromEngine.memUsage)).toBeLessThan(2 * 1024 * 1024);
    expect(fromCgroup.memLimit).toBe(fromEngine.memLimit);
    expect(fromCgroup.pids).toBe(fromEngine.pids);
    expect(fromCgroup.netRx).toBeGreaterThanOrEqual(fromEngine.netRx);
    expect(fromCgroup.netRx - fromEngine.netRx).toBeLessThan(10000);
    expect(fromCgroup.blkWrite).toBe(fromEngine.blkWrite);
    // cumulative CPU time: the same counter, read a few ms apart
    expect(Math.abs(fromCgroup.cpuNs - fromEngine.cpuNs)).toBeLessThan(5e7);
    // another pid is not that container
    expect(locateCgroup(process.pid, info.Id)).toBeUndefined();
  });

  it('samples 20 running containers through cgroup files and through the engine, and they agree', async () => {
    const viaCgroup = new StatsSampler(client, { intervalMs: 1000, concurrency: 4, source: 'cgroup' });
    // one-shot engine stats wait for the engine's next 1 s collection: the sampler keeps them all in flight
    const viaEngine = new StatsSampler(client, { intervalMs: 1000, source: 'engine' });
    const started = Date.now();
    const [a, b] = await Promise.all([collectTicks(viaCgroup, names, 3), collectTicks(viaEngine, names, 3)]);
    viaCgroup.close();
    viaEngine.close();
    expect(a.size).toBe(N);
    expect(b.size).toBe(N);
    for (const [i, name] of names.entries()) {
      const x = a.get(name)!.at(-1)!;
      const y = b.get(name)!.at(-1)!;
      const busy = i % 4 === 0;
      if (busy) {
        // The quota caps it at 10 %; on a crowded machine it gets less, but both paths see the same.
        for (const v of [x.cpuPercent, y.cpuPercent]) {
          expect(v).toBeGreaterThan(1);
          expect(v).toBeLessThan(15);
        }
        expect(Math.abs(x.cpuPercent - y.cpuPercent)).toBeLessThan(5);
      } else {
        expect(x.cpuPercent).toBeLessThan(2);
        expect(y.cpuPercent).toBeLessThan(2);
      }
      expect(Math.abs(x.memUsage - y.memUsage)).toBeLessThan(Math.max(4 * 1024 * 1024, x.memUsage * 0.1));
      if (busy) expect(x.memUsage).toBeGreaterThan(15_000_000); // the /dev/shm file counts
      expect(x.memLimit).toBe(y.memLimit);
      expect(Math.abs(x.pids - y.pids)).toBeLessThanOrEqual(2);
      expect(x.ts).toBeGreaterThan(started);
      expect(y.ts).toBeGreaterThan(started);
    }
  }, 60000);

  it('samples only what is subscribed, shares ids between subscribers, and stops when the last leaves', async () => {
    const sampler = new StatsSampler(client, { intervalMs: 300 });
    const offA = sampler.subscribe([names[0]!, names[1]!], () => undefined);
    const offB = sampler.subscribe([names[1]!, names[2]!], () => undefined);
    expect(sampler.sampledIds.sort()).toEqual([names[0], names[1], names[2]].sort());
    offA();
    expect(sampler.sampledIds.sort()).toEqual([names[1], names[2]].sort());
    let source: string | undefined;
    const got = await new Promise<string[]>((resolve) => {
      const off = sampler.subscribe([names[3]!], (batch) => {
        source = sampler.sourceOf(names[3]!);
        off();
        resolve(batch.map((x) => x.id));
      });
    });
    expect(got).toEqual([names[3]]);
    expect(source).toBe('cgroup'); // local engine: auto picks the files
    offB();
    expect(sampler.sampledIds).toEqual([]);
    sampler.close();
  });

  it('a stopped or missing container gives no samples rather than zeros', async () => {
    const sampler = new StatsSampler(client, { intervalMs: 200 });
    const stopped = uniqueName('bs-stopped');
    names.push(stopped);
    await runContainer(client, { image: fixtures().busybox, name: stopped, command: ['true'], start: false });
    const got = await collectTicks(sampler, [names[5]!, stopped, 'no-such-container-stats'], 2);
    expect([...got.keys()]).toEqual([names[5]]);
    sampler.close();
  });

  it('streams one container with CPU % from consecutive samples', async () => {
    const ac = new AbortController();
    const samples: StatsSample[] = [];
    for await (const s of streamStats(client, names[0]!, { signal: ac.signal })) {
      samples.push(s);
      if (samples.length === 3) ac.abort();
    }
    expect(samples).toHaveLength(3);
    expect(samples[2]!.cpuPercent).toBeGreaterThan(1);
    expect(samples[2]!.cpuPercent).toBeLessThan(15);
    expect(samples[2]!.memUsage).toBeGreaterThan(15_000_000);
    expect(samples[2]!.pids).toBeGreaterThanOrEqual(1);
    expect(toSample(undefined, { ...samples[0]!, cpuNs: 1, onlineCpus: 1 }).cpuPercent).toBe(0);
  }, 30000);
});
