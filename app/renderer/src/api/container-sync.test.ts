// The list's staleness rules: an event patches its row at once, one read per concerned container,
// a read that contradicts the latest event is read again, an old answer never overwrites news.
// The reads are a scripted function (what the engine answers is the test's input); the real engine
// is exercised by e2e/list.spec.ts.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../../shared/contract';
import { applyEvent, ContainerSync, impliedState } from './container-sync';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

function row(id: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id,
    name: `name-${id}`,
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sleep 600',
    created: T0 / 1000,
    state: 'running',
    status: 'Up 3 minutes',
    ports: [],
    labels: {},
    networks: ['bridge'],
    mounts: [],
    ...over,
  };
}

const ev = (id: string, action: string, attributes: Record<string, string> = {}, time = T0): EngineEvent => ({
  type: 'container',
  action,
  id,
  attributes,
  time,
});

/** A cached list, an engine whose answers the test sets, and a clock the test moves. */
function harness(initial: ContainerSummary[]) {
  let rows: ContainerSummary[] | undefined = initial;
  let now = T0;
  const engine = new Map<string, ContainerSummary | null>(initial.map((r) => [r.id, r]));
  const timers: { at: number; fn: () => void }[] = [];
  const reads: string[] = [];
  const inspects: string[] = [];
  let gate: Promise<void> | undefined;
  const sync = new ContainerSync({
    async read(id) {
      reads.push(id);
      const answer = engine.get(id) ?? null; // what the engine says when asked
      if (gate) await gate;
      return answer;
    },
    hasList: () => rows !== undefined,
    update: (fn) => void (rows = rows && fn(rows)),
    invalidateInspect: (id) => void inspects.push(id),
    now: () => now,
    later: (fn, ms) => void timers.push({ at: now + ms, fn }),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    sync,
    engine,
    reads,
    inspects,
    get rows() {
      return rows;
    },
    dropList: () => void (rows = undefined),
    hold() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
    async advance(ms: number) {
      now += ms;
      for (const t of timers.splice(0).filter((x) => x.at <= now || (timers.push(x), false))) t.fn();
      await flush();
      await flush();
    },
    flush,
  };
}

describe('applyEvent', () => {
  it('says what the event says: state, times, exit code, health, OOM, name', () => {
    const c = row('a');
    expect(applyEvent(c, ev('a', 'pause'))).toMatchObject({ state: 'paused' });
    expect(applyEvent(row('a', { state: 'paused' }), ev('a', 'unpause'))).toMatchObject({ state: 'running' });
    expect(applyEvent(c, ev('a', 'die', { exitCode: '137' }, T0 + 5000))).toMatchObject({
      state: 'exited',
      exitCode: 137,
      finishedAt: T0 + 5000,
      status: 'Exited (137) Less than a second ago',
    });
    expect(applyEvent(row('a', { state: 'exited' }), ev('a', 'start', {}, T0))).toMatchObject({
      state: 'running',
      startedAt: T0,
      status: 'Up Less than a second',
    });
    expect(applyEvent(c, ev('a', 'health_status: unhealthy'))).toMatchObject({ health: 'unhealthy' });
    expect(applyEvent(c, ev('a', 'oom'))).toMatchObject({ oomKilled: true });
    expect(applyEvent(c, ev('a', 'rename', { name: '/new-name' }))).toMatchObject({ name: 'new-name' });
    expect(applyEvent(c, ev('a', 'attach'))).toBe(c);
  });

  it('implies a state only for the actions that set one', () => {
    expect(['start', 'pause', 'unpause', 'die', 'stop', 'restart', 'kill', 'attach'].map(impliedState)).toEqual([
      'running',
      'paused',
      'running',
      'exited',
      'exited',
      'running',
      undefined,
      undefined,
    ]);
  });
});

describe('ContainerSync', () => {
  it('patches the row from a pause event alone: the event says all that changes, no read', async () => {
    const h = harness([row('a'), row('b')]);
    h.sync.onEvents([ev('a', 'pause')]);
    expect(h.rows!.find((r) => r.id === 'a')!.state).toBe('paused');
    await h.flush();
    expect(h.reads).toEqual([]);
    expect(h.inspects).toEqual(['a']);
    expect(h.rows!.find((r) => r.id === 'b')).toEqual(row('b'));
  });

  it('patches a started container at once, then reads that one container once (ports, restarts)', async () => {
    const h = harness([row('a', { state: 'exited' }), row('b')]);
    h.engine.set('a', row('a', { status: 'Up Less than a second', restartCount: 3 }));
    h.sync.onEvents([ev('a', 'start')]);
    expect(h.rows!.find((r) => r.id === 'a')!.state).toBe('running'); // before any read
    await h.flush();
    expect(h.reads).toEqual(['a']);
    expect(h.rows!.find((r) => r.id === 'a')!.restartCount).toBe(3);
    expect(h.rows!.find((r) => r.id === 'b')).toEqual(row('b'));
  });

  it('does not trust a read that contradicts the event: reads again shortly after, then shows the truth', async () => {
    const h = harness([row('a', { state: 'exited' })]);
    // The engine announces the start before its inspect says so.
    h.engine.set('a', row('a', { state: 'exited' }));
    h.sync.onEvents([ev('a', 'start')]);
    await h.flush();
    expect(h.reads).toEqual(['a']);
    expect(h.rows![0]!.state).toBe('running'); // the stale "exited" read was not shown
    h.engine.set('a', row('a', { status: 'Up 1 second', restartCount: 1 }));
    await h.advance(100);
    expect(h.reads).toEqual(['a', 'a']);
    expect(h.rows![0]).toMatchObject({ state: 'running', restartCount: 1 });
  });

  it("gives up on an event the engine never confirms, and shows the engine's word", async () => {
    const h = harness([row('a', { state: 'exited' })]);
    h.sync.onEvents([ev('a', 'start')]);
    await h.flush();
    for (const ms of [100, 200, 400, 800]) await h.advance(ms);
    expect(h.reads).toHaveLength(5);
    expect(h.rows![0]!.state).toBe('exited');
  });

  it('drops an answer that was in flight when newer news arrived, and reads again', async () => {
    const h = harness([row('a')]);
    const release = h.hold();
    h.sync.onEvents([ev('a', 'die', { exitCode: '1' })]);
    h.engine.set('a', row('a', { state: 'exited' }));
    h.sync.onEvents([ev('a', 'start')]); // while the first read is out (a restart policy at work)
    h.engine.set('a', row('a', { state: 'running', status: 'Up Less than a second', restartCount: 1 }));
    release();
    await h.flush();
    await h.flush();
    expect(h.reads).toEqual(['a', 'a']);
    expect(h.rows![0]).toMatchObject({ state: 'running', restartCount: 1 });
  });

  it("settles a pause or resume from the action's reply, without a read", () => {
    const h = harness([row('a')]);
    h.sync.settle('a', 'paused');
    expect(h.rows![0]!.state).toBe('paused');
    expect(h.reads).toEqual([]);
  });

  it('removes a destroyed container without asking the engine', async () => {
    const h = harness([row('a'), row('b')]);
    h.sync.onEvents([ev('a', 'destroy')]);
    await h.flush();
    expect(h.reads).toEqual([]);
    expect(h.rows!.map((r) => r.id)).toEqual(['b']);
  });

  it("adds a created container from its read, and ignores one that isn't the user's (read says null)", async () => {
    const h = harness([row('a')]);
    h.engine.set('new', row('new', { state: 'created', status: 'Created' }));
    h.engine.set('helper', null);
    h.sync.onEvents([ev('new', 'create'), ev('helper', 'create')]);
    await h.flush();
    expect(h.rows!.map((r) => r.id)).toEqual(['a', 'new']);
  });

  it("after an action's reply, resolves once the row shows what the engine says", async () => {
    const h = harness([row('a')]);
    h.engine.set('a', row('a', { state: 'exited', status: 'Exited (137) Less than a second ago' }));
    await h.sync.refresh('a', 'exited');
    expect(h.rows![0]!.state).toBe('exited');
  });

  it('reads nothing when no list is cached (nobody shows the rows)', async () => {
    const h = harness([row('a')]);
    h.dropList();
    h.sync.onEvents([ev('a', 'stop')]);
    await h.flush();
    expect(h.reads).toEqual([]);
    expect(h.inspects).toEqual(['a']);
  });
});
