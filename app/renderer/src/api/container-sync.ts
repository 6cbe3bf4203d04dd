// Keeps the cached containers list true to the engine without listing everything again: an engine
// event patches the one row it concerns at once (from what the event says), then, where the event
// cannot say it all (a start assigns ports and counts restarts, a death may become a restart, a new
// container needs its row), one read of that container (containers.summary, an inspect) brings the
// rest. pause/unpause, health, OOM and rename events say all that changes: no read. An action's
// reply does the same.
//
// Staleness: this engine announces pause/unpause (and may announce die/start) before its own
// inspect says so. A read that contradicts the state the latest event or action implies is not
// shown; the container is read again shortly after (100, 200, 400, 800 ms), and after that the
// engine's word stands. A read that was in flight when a newer event arrived is dropped and read
// again, so an old answer never overwrites a newer event.
import type { ContainerState, ContainerSummary, EngineEvent } from '../../../shared/contract';
import { statusLine } from '../../../shared/container-status';

/** The state a container event (or the action of the same name) leaves the container in, if any. */
export function impliedState(action: string): ContainerState | undefined {
  switch (action) {
    case 'start':
    case 'unpause':
    case 'restart':
      return 'running';
    case 'pause':
      return 'paused';
    case 'die':
    case 'stop':
      return 'exited';
    default:
      return undefined;
  }
}

/** Whether a read state satisfies an implied one (a container that died may be restarting by now). */
function satisfies(read: ContainerState, implied: ContainerState): boolean {
  if (implied === 'exited') return read === 'exited' || read === 'restarting' || read === 'dead';
  return read === implied;
}

const HEALTH = /^health_status: (starting|healthy|unhealthy)$/;

/** Events after which the row needs a read: what they change is more than the event says. */
const NEEDS_READ = new Set(['create', 'start', 'restart', 'die', 'stop', 'update']);

/** Whether an event (or the action of that name) needs a read of the container afterwards. */
export const needsRead = (action: string): boolean => NEEDS_READ.has(action);

/** The row as the event itself says it is now: state, times, exit code, health, OOM, name. */
export function applyEvent(c: ContainerSummary, e: EngineEvent): ContainerSummary {
  let next: ContainerSummary = c;
  const health = HEALTH.exec(e.action)?.[1] as ContainerSummary['health'];
  if (health) next = { ...c, health };
  else
    switch (e.action) {
      case 'start':
        next = { ...c, state: 'running', startedAt: e.time };
        delete next.health;
        break;
      case 'unpause':
        next = { ...c, state: 'running' };
        break;
      case 'pause':
        next = { ...c, state: 'paused' };
        break;
      case 'die': {
        const code = Number(e.attributes.exitCode);
        next = { ...c, state: 'exited', finishedAt: e.time, ...(Number.isFinite(code) ? { exitCode: code } : {}) };
        break;
      }
      case 'oom':
        next = { ...c, oomKilled: true };
        break;
      case 'rename':
        if (e.attributes.name) next = { ...c, name: e.attributes.name.replace(/^\//, '') };
        break;
      default:
        return c;
    }
  return { ...next, status: statusLine({ ...next, status: c.status }, e.time) };
}

export interface SyncDeps {
  /** One container's row from the engine; null when it is gone (or is not the user's). */
  read(id: string): Promise<ContainerSummary | null>;
  /** Whether a list is cached at all (nothing to patch otherwise). */
  hasList(): boolean;
  /** Replaces the cached list(s) by fn(list). */
  update(fn: (rows: ContainerSummary[]) => ContainerSummary[]): void;
  /** The container's inspect (the detail's Inspect tab) is stale. */
  invalidateInspect(id: string): void;
  now(): number;
  later(fn: () => void, ms: number): void;
  /** Waits this long after a container's last event before reading it (a restart is 5 events). */
  settleMs?: number;
}

const RETRY_MS = [100, 200, 400, 800];
/** How long an implied state outranks a read that contradicts it. */
const TRUST_EVENT_MS = 2000;

interface Expectation {
  state: ContainerState;
  until: number;
}

export class ContainerSync {
  private readonly expected = new Map<string, Expectation>();
  /** Bumped by every event about the container: a read started under an older one is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiting = new Set<string>();
  /** Reads made so far (for tests and the bench's requests-per-event count). */
  reads = 0;

  constructor(private readonly deps: SyncDeps) {}

  /** A batch of engine events: patch rows from the events, then read each concerned container once. */
  onEvents(events: EngineEvent[]): void {
    const ids = new Set<string>();
    for (const e of events) {
      if (e.type === 'network' && (e.action === 'connect' || e.action === 'disconnect') && e.attributes.container) {
        ids.add(e.attributes.container);
        continue;
      }
      if (e.type !== 'container' || !e.id || e.action.startsWith('exec_')) continue;
      this.generation.set(e.id, (this.generation.get(e.id) ?? 0) + 1);
      this.deps.invalidateInspect(e.id);
      if (e.action === 'destroy') {
        this.expected.delete(e.id);
        ids.delete(e.id);
        this.deps.update((rows) => rows.filter((r) => r.id !== e.id));
        continue;
      }
      const implied = impliedState(e.action);
      if (implied) this.expected.set(e.id, { state: implied, until: this.deps.now() + TRUST_EVENT_MS });
      this.deps.update((rows) => {
        const i = rows.findIndex((r) => r.id === e.id);
        if (i < 0) return rows;
        const patched = applyEvent(rows[i]!, e);
        if (patched === rows[i]) return rows;
        const out = rows.slice();
        out[i] = patched;
        return out;
      });
      if (needsRead(e.action)) ids.add(e.id);
    }
    if (!this.deps.hasList()) return;
    const wait = this.deps.settleMs ?? 0;
    for (const id of ids) {
      if (!wait) {
        void this.refresh(id);
        continue;
      }
      // One read after a burst of events (kill, die, stop, start, restart), not one per batch.
      if (this.waiting.has(id)) continue;
      this.waiting.add(id);
      this.deps.later(() => {
        this.waiting.delete(id);
        void this.refresh(id);
      }, wait);
    }
  }

  /** Sets the state an action's reply says (pause, resume: nothing else changes, no read). */
  settle(id: string, state: ContainerState): void {
    this.expected.delete(id);
    this.deps.update((rows) => {
      const i = rows.findIndex((r) => r.id === id);
      if (i < 0 || rows[i]!.state === state) return rows;
      const out = rows.slice();
      const next = { ...rows[i]!, state };
      out[i] = { ...next, status: statusLine({ ...next, status: rows[i]!.status }, this.deps.now()) };
      return out;
    });
  }

  /**
   * Reads one container and patches its row; `implied` is the state an action's reply leaves it in.
   * Resolves once its row shows a read the engine stands by (or the retries ran out).
   */
  refresh(id: string, implied?: ContainerState): Promise<void> {
    if (implied) this.expected.set(id, { state: implied, until: this.deps.now() + TRUST_EVENT_MS });
    const running = this.inflight.get(id);
    if (running) {
      this.again.add(id);
      return running;
    }
    const p = this.readLoop(id).finally(() => this.inflight.delete(id));
    this.inflight.set(id, p);
    return p;
  }

  private async readLoop(id: string): Promise<void> {
    let attempt = 0;
    for (;;) {
      this.again.delete(id);
      const gen = this.generation.get(id) ?? 0;
      this.reads++;
      let row: ContainerSummary | null;
      try {
        row = await this.deps.read(id);
      } catch {
        return; // the engine is unreachable: the reconnect's full list brings the truth
      }
      if (this.again.has(id) || (this.generation.get(id) ?? 0) !== gen) continue; // newer news: read again
      const want = this.expected.get(id);
      const trusted = !want || this.deps.now() > want.until || (row !== null && satisfies(row.state, want.state));
      if (!trusted && attempt < RETRY_MS.length) {
        await new Promise<void>((r) => this.deps.later(r, RETRY_MS[attempt]!));
        attempt++;
        continue;
      }
      this.expected.delete(id);
      this.put(id, row);
      return;
    }
  }

  private put(id: string, row: ContainerSummary | null): void {
    this.deps.update((rows) => {
      const i = rows.findIndex((r) => r.id === id);
      if (!row) return i < 0 ? rows : rows.filter((r) => r.id !== id);
      const out = rows.slice();
      if (i < 0) out.push(row);
      else out[i] = row;
      return out;
    });
  }
}
