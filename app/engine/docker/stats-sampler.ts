// Cheap periodic stats for many containers (the rows a list shows). Samples only subscribed ids,
// with bounded concurrency; reads cgroup files directly when the engine is local, takes all of a
// round's counters in one request from the host's bulk source when it has one (Berth's VM, Lima,
// WSL: stats-dump.ts), else asks the engine for one-shot counters. CPU % comes from the difference
// of two consecutive samples.
import { isLocalEngine, type EngineClient } from './client';
import { inspectContainer } from './containers';
import { locateCgroup, readCgroupCounters, type CgroupLocation } from './stats-cgroup';
import { engineCounters, toSample, type RawCounters, type StatsSample } from './stats';
import type { BulkStatsSource } from './stats-dump';
import { mapLimit } from './map-limit';

export type StatsSource = 'cgroup' | 'engine';

export interface StatsSamplerOptions {
  /** Time between samples (default 2000 ms). */
  intervalMs?: number;
  /** How many containers are read at once from cgroup files (default 4). */
  concurrency?: number;
  /**
   * How many one-shot engine reads are in flight at once (default 64). Each waits for the engine's
   * next once-a-second collection rather than working, so a low limit only stretches the round:
   * at 4 in flight, 50 containers took about 13 s a round.
   */
  engineConcurrency?: number;
  /** 'auto' (default): cgroup files when the engine is local and the container is found there, else the engine. */
  source?: 'auto' | StatsSource;
  /**
   * The active host's source of every container's counters in one request (a VM's stats service),
   * asked each round for the full ids; undefined when the host has none. A failure sends that round,
   * and the next BULK_RETRY_TICKS, to the per-container path.
   */
  bulk?: () => BulkStatsSource | undefined;
}

type Listener = (samples: StatsSample[]) => void;

interface Tracked {
  refs: number;
  prev?: RawCounters;
  /** undefined: not located yet; null: read through the engine. */
  loc?: CgroupLocation | null;
  /** Skip until this tick (a stopped container is looked at again now and then, not every tick). */
  idleUntil: number;
}

const STOPPED_RECHECK_TICKS = 5;
const BULK_RETRY_TICKS = 30;
const FULL_ID = /^[0-9a-f]{64}$/;

export { mapLimit };

export class StatsSampler {
  private readonly tracked = new Map<string, Tracked>();
  private readonly subs = new Set<{ ids: readonly string[]; listener: Listener }>();
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private running = false;
  private closed = false;
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly engineConcurrency: number;
  private readonly source: 'auto' | StatsSource;
  private readonly bulk: (() => BulkStatsSource | undefined) | undefined;
  private bulkAfter = 0;

  constructor(
    private readonly client: EngineClient,
    opts: StatsSamplerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 2000;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.engineConcurrency = Math.max(1, opts.engineConcurrency ?? 64);
    this.source = opts.source ?? 'auto';
    this.bulk = opts.bulk;
  }

  /** Samples `ids` every interval and hands the listener one batch per tick. Returns the unsubscribe function. */
  subscribe(ids: readonly string[], listener: Listener): () => void {
    if (this.closed) throw new Error('This StatsSampler is closed.');
    const sub = { ids: [...new Set(ids)], listener };
    this.subs.add(sub);
    const fresh: string[] = [];
    for (const id of sub.ids) {
      const t = this.tracked.get(id);
      if (t) t.refs++;
      else {
        this.tracked.set(id, { refs: 1, idleUntil: 0 });
        fresh.push(id);
      }
    }
    // A first sample now, so the first tick can already give CPU %.
    if (fresh.length)
      void this.readAll(fresh).then((got) => {
        for (const [id, c] of got) this.remember(id, c);
      });
    this.schedule();
    return () => {
      if (!this.subs.delete(sub)) return;
      for (const id of sub.ids) {
        const t = this.tracked.get(id);
        if (t && --t.refs <= 0) this.tracked.delete(id);
      }
      if (this.subs.size === 0) this.stopTimer();
    };
  }

  /** Reads in flight at once: many for the engine (they wait), few for cgroup files (they work). */
  private limit(): number {
    const viaEngine = this.source === 'engine' || (this.source === 'auto' && !isLocalEngine(this.client));
    return viaEngine ? this.engineConcurrency : this.concurrency;
  }

  /** Where an id's samples come from, once known. */
  sourceOf(id: string): StatsSource | undefined {
    const t = this.tracked.get(id);
    return t?.loc === undefined ? undefined : t.loc === null ? 'engine' : 'cgroup';
  }

  /** Ids being sampled (the union of all subscriptions). */
  get sampledIds(): string[] {
    return [...this.tracked.keys()];
  }

  close(): void {
    this.closed = true;
    this.subs.clear();
    this.tracked.clear();
    this.stopTimer();
  }

  private schedule(): void {
    if (this.timer || this.closed || this.subs.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One round: sample every subscribed id, then deliver each subscriber its rows. */
  async tick(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    const started = Date.now();
    try {
      this.ticks++;
      const ids = [...this.tracked.keys()].filter((id) => (this.tracked.get(id)?.idleUntil ?? 0) <= this.ticks);
      const samples = new Map<string, StatsSample>();
      for (const [id, cur] of await this.readAll(ids)) {
        const prev = this.tracked.get(id)?.prev;
        this.remember(id, cur);
        if (cur && prev) samples.set(id, toSample(prev, cur));
      }
      for (const sub of [...this.subs]) {
        const batch = sub.ids.map((id) => samples.get(id)).filter((s): s is StatsSample => !!s);
        if (!batch.length) continue;
        try {
          sub.listener(batch);
        } catch {
          /* a listener's failure is its own */
        }
      }
    } finally {
      this.running = false;
    }
    // Keep the period even when a round was slow, but never overlap rounds.
    if (!this.closed && this.subs.size) {
      this.stopTimer();
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          void this.tick();
        },
        Math.max(0, this.intervalMs - (Date.now() - started)),
      );
      this.timer.unref?.();
    }
  }

  private remember(id: string, c: RawCounters | undefined): void {
    const t = this.tracked.get(id);
    if (!t) return;
    if (c) t.prev = c;
    else {
      t.prev = undefined;
      t.idleUntil = this.ticks + STOPPED_RECHECK_TICKS;
    }
  }

  /** Counters of `ids` (undefined: not running): from the bulk source in one request, the rest one by one. */
  private async readAll(ids: string[]): Promise<Map<string, RawCounters | undefined>> {
    const got = new Map<string, RawCounters | undefined>();
    const bulk = this.ticks >= this.bulkAfter ? this.bulk?.() : undefined;
    const full = bulk ? ids.filter((id) => FULL_ID.test(id)) : [];
    if (bulk && full.length) {
      try {
        const counters = await bulk.read(full);
        for (const id of full) got.set(id, counters.get(id));
      } catch {
        this.bulkAfter = this.ticks + BULK_RETRY_TICKS;
      }
    }
    await mapLimit(
      ids.filter((id) => !got.has(id)),
      this.limit(),
      async (id) => void got.set(id, await this.sampleOne(id)),
    );
    return got;
  }

  /** Counters for one container, or undefined when it is not running (or gone). */
  private async sampleOne(id: string): Promise<RawCounters | undefined> {
    const t = this.tracked.get(id);
    if (!t) return undefined;
    const useCgroup = this.source === 'cgroup' || (this.source === 'auto' && isLocalEngine(this.client));
    if (useCgroup && t.loc !== null) {
      if (t.loc === undefined) {
        try {
          const info = await inspectContainer(this.client, id);
          if (!info.State?.Running || !info.State.Pid) return undefined;
          t.loc = locateCgroup(info.State.Pid, info.Id) ?? (this.source === 'cgroup' ? undefined : null);
          if (t.loc === undefined) return undefined;
        } catch {
          return undefined;
        }
      }
      if (t.loc) {
        try {
          return await readCgroupCounters(id, t.loc);
        } catch {
          t.loc = undefined; // stopped or restarted with a new pid: locate again next time
          return undefined;
        }
      }
    }
    try {
      const c = await engineCounters(this.client, id);
      return c.cpuNs === 0 && c.pids === 0 ? undefined : c;
    } catch {
      return undefined;
    }
  }
}

/**
 * One sampler per engine connection, shared by every list that shows stats; when the active host is
 * one of Berth's VMs, each round's counters come from it in one request (`bulk`).
 */
const samplers = new WeakMap<EngineClient, StatsSampler>();

export function sharedSampler(client: EngineClient, bulk: () => BulkStatsSource | undefined): StatsSampler {
  let s = samplers.get(client);
  if (!s) {
    s = new StatsSampler(client, { intervalMs: 2000, concurrency: 4, bulk });
    samplers.set(client, s);
  }
  return s;
}
