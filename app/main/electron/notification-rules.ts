// Decides what deserves a native notification, from engine events, task changes and engine status.
// Pure apart from its memory of recent events: no Electron, no I/O, time taken from the events.
import type { EngineEvent, EngineStatus, TaskInfo } from '../../shared/contract';
import type { BerthSettings, NotificationKind } from '../../shared/contract/areas/settings';

export interface NotificationSpec {
  kind: NotificationKind;
  title: string;
  body: string;
  /** The hash route a click opens. */
  route: string;
}

export const RULE_TIMING = {
  /** A `die` this soon after a `kill` was asked for (docker stop, kill) is not a failure. */
  killGraceMs: 30_000,
  /** A `die` this soon after an `oom` was already notified as the OOM. */
  oomGraceMs: 10_000,
  /** This many exits within loopWindowMs, each followed by a start, is a restart loop. */
  loopDies: 3,
  loopWindowMs: 60_000,
  /** At most one restart-loop notification per container per this long. */
  loopCooldownMs: 10 * 60_000,
  /** At most one exit notification per container per this long. */
  exitCooldownMs: 60_000,
} as const;

const NOTIFIED_TASK_KINDS = new Set<TaskInfo['kind']>(['pull', 'build', 'push']);
const MAX_TRACKED = 1000;

interface ContainerMemory {
  dies: number[];
  killAt?: number;
  oomAt?: number;
  exitNotifiedAt?: number;
  loopNotifiedAt?: number;
}

const containerName = (e: EngineEvent) => e.name ?? e.attributes.name ?? e.id.slice(0, 12);
const logsRoute = (id: string) => `#/containers/${encodeURIComponent(id)}/logs`;

export class NotificationRules {
  private containers = new Map<string, ContainerMemory>();
  private notifiedTasks = new Set<string>();
  private engine: EngineStatus | undefined;
  /** The crash-restart already told about (or already there when Berth started). */
  private crashToldAt: number | undefined;

  constructor(private readonly settings: () => Pick<BerthSettings, 'notifications'>) {}

  private allowed(specs: NotificationSpec[]): NotificationSpec[] {
    const on = this.settings().notifications;
    return specs.filter((s) => on[s.kind]);
  }

  private memory(id: string): ContainerMemory {
    let m = this.containers.get(id);
    if (!m) {
      if (this.containers.size >= MAX_TRACKED) this.containers.delete(this.containers.keys().next().value!);
      m = { dies: [] };
      this.containers.set(id, m);
    }
    return m;
  }

  onEngineEvent(e: EngineEvent): NotificationSpec[] {
    if (e.type !== 'container') return [];
    const t = e.time;
    const name = containerName(e);
    if (e.action === 'destroy') {
      this.containers.delete(e.id);
      return [];
    }
    if (e.action === 'kill') {
      this.memory(e.id).killAt = t;
      return [];
    }
    if (e.action === 'oom') {
      this.memory(e.id).oomAt = t;
      return this.allowed([
        {
          kind: 'containerOom',
          title: `${name} ran out of memory`,
          body: 'The kernel killed a process in it for using more memory than allowed. Raise its memory limit or find the leak.',
          route: logsRoute(e.id),
        },
      ]);
    }
    if (e.action === 'die') return this.onDie(e, name);
    if (e.action === 'start') return this.onStart(e, name);
    return [];
  }

  private onDie(e: EngineEvent, name: string): NotificationSpec[] {
    const m = this.memory(e.id);
    const t = e.time;
    m.dies = [...m.dies.filter((d) => t - d <= RULE_TIMING.loopWindowMs), t];
    const code = Number(e.attributes.exitCode ?? '0');
    const asked = m.killAt !== undefined && t - m.killAt <= RULE_TIMING.killGraceMs;
    const oom = m.oomAt !== undefined && t - m.oomAt <= RULE_TIMING.oomGraceMs;
    const looping = m.dies.length >= RULE_TIMING.loopDies;
    const recentlyNotified = m.exitNotifiedAt !== undefined && t - m.exitNotifiedAt < RULE_TIMING.exitCooldownMs;
    m.killAt = undefined;
    if (!Number.isFinite(code) || code === 0 || asked || oom || looping || recentlyNotified) return [];
    m.exitNotifiedAt = t;
    return this.allowed([
      {
        kind: 'containerExited',
        title: `${name} exited with code ${code}`,
        body: 'Open its logs to see why it stopped.',
        route: logsRoute(e.id),
      },
    ]);
  }

  private onStart(e: EngineEvent, name: string): NotificationSpec[] {
    const m = this.memory(e.id);
    const t = e.time;
    const recentDies = m.dies.filter((d) => t - d <= RULE_TIMING.loopWindowMs).length;
    if (recentDies < RULE_TIMING.loopDies) return [];
    if (m.loopNotifiedAt !== undefined && t - m.loopNotifiedAt < RULE_TIMING.loopCooldownMs) return [];
    m.loopNotifiedAt = t;
    return this.allowed([
      {
        kind: 'restartLoop',
        title: `${name} keeps restarting`,
        body: `It stopped and restarted ${recentDies} times in the last minute. Open its logs to see why it fails.`,
        route: logsRoute(e.id),
      },
    ]);
  }

  onTask(task: TaskInfo): NotificationSpec[] {
    if (!NOTIFIED_TASK_KINDS.has(task.kind) || (task.state !== 'done' && task.state !== 'failed')) return [];
    if (this.notifiedTasks.has(task.id)) return [];
    if (this.notifiedTasks.size >= MAX_TRACKED) this.notifiedTasks.delete(this.notifiedTasks.values().next().value!);
    this.notifiedTasks.add(task.id);
    const route = '#/images';
    if (task.state === 'done')
      return this.allowed([{ kind: 'taskFinished', title: `${task.title} finished`, body: 'Done.', route }]);
    return this.allowed([
      {
        kind: 'taskFailed',
        title: `${task.title} failed`,
        body: task.error?.message ?? 'Open Berth to see what went wrong.',
        route,
      },
    ]);
  }

  onEngineStatus(next: EngineStatus): NotificationSpec[] {
    const prev = this.engine;
    this.engine = next;
    if (!prev) {
      this.crashToldAt = next.restartedAfterCrash;
      return [];
    }
    if (!next.managed) return [];
    const specs: NotificationSpec[] = [];
    // The restart is told once the engine runs again (the status may carry the restart while still starting).
    if (
      next.restartedAfterCrash !== undefined &&
      next.restartedAfterCrash !== this.crashToldAt &&
      next.state === 'running'
    ) {
      this.crashToldAt = next.restartedAfterCrash;
      specs.push({
        kind: 'engine',
        title: 'The engine crashed and was restarted',
        body: 'Berth restarted it. Containers with a restart policy are coming back; others need to be started again.',
        route: '#/engine',
      });
    }
    if (next.state === 'error' && prev.state !== 'error') {
      const fix = next.error?.fix ? ` ${next.error.fix}` : '';
      specs.push({
        kind: 'engine',
        title:
          prev.state === 'running' ? 'The engine stopped and could not be restarted' : 'The engine could not start',
        body: `${next.error?.message ?? 'Open Berth to see what went wrong.'}${fix}`,
        route: '#/engine',
      });
    }
    return this.allowed(specs);
  }
}
