// The task centre's journal: each Berth process keeps the tasks it runs in <data>/tasks/tasks-<pid>.json,
// written atomically (a temporary file renamed over it), so that the next start shows the tasks a Berth
// that died was running as interrupted, with what they were doing. Only running and interrupted tasks
// are kept, without their logs: the journal stays small.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskInfo } from '../../shared/contract';
import { isAlive } from '../../engine/host';
import { writeJsonAtomically } from '../atomic-write';

const FILE = /^tasks-(\d+)\.json$/;
/** Interrupted tasks carried from start to start: the newest, for a week at most. */
export const KEEP_INTERRUPTED = 20;
const KEEP_INTERRUPTED_MS = 7 * 24 * 3600 * 1000;

export type InterruptReason = 'stopped' | 'quit';

/** `task` as interrupted: its last progress kept, and a sentence saying what happened. */
export function interrupted(task: TaskInfo, reason: InterruptReason, at: number): TaskInfo {
  const doing = task.progress.text?.trim().replace(/\.$/, '');
  const why = reason === 'quit' ? 'Berth quit' : 'Berth stopped';
  return {
    ...slim(task),
    state: 'interrupted',
    ended: at,
    error: {
      kind: 'internal',
      message: `${why} while this task was running${doing ? ` (${doing})` : ''}. Start it again if it is still needed.`,
    },
  };
}

/** What the journal keeps of a task: no log lines or layer lists, no result. */
function slim(t: TaskInfo): TaskInfo {
  const { log: _log, layers: _layers, ...progress } = t.progress;
  const { result: _result, ...rest } = t;
  return { ...rest, progress };
}

function isTask(v: unknown): v is TaskInfo {
  const t = v as TaskInfo;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.id === 'string' &&
    typeof t.title === 'string' &&
    typeof t.kind === 'string' &&
    typeof t.started === 'number' &&
    (t.state === 'running' || t.state === 'interrupted') &&
    typeof t.progress === 'object' &&
    t.progress !== null
  );
}

export class TaskJournal {
  readonly file: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `tasks-${process.pid}.json`);
  }

  /**
   * The tasks of Berth processes that are gone: those they were running, now interrupted, and those
   * already interrupted before. Their journals are removed (this process's journal takes them over).
   * A journal under this process's own pid is a dead process's too: pids are reused.
   */
  recover(now = Date.now()): TaskInfo[] {
    const found: TaskInfo[] = [];
    for (const name of readdirSync(this.dir)) {
      const pid = Number(FILE.exec(name)?.[1]);
      if (!pid || (pid !== process.pid && isAlive(pid))) continue;
      const path = join(this.dir, name);
      try {
        const tasks = (JSON.parse(readFileSync(path, 'utf8')) as { tasks?: unknown }).tasks;
        for (const t of Array.isArray(tasks) ? tasks : [])
          if (isTask(t)) found.push(t.state === 'running' ? interrupted(t, 'stopped', now) : t);
      } catch {
        /* torn or foreign: nothing to go by */
      }
      rmSync(path, { force: true });
    }
    return found
      .filter((t) => now - (t.ended ?? t.started) < KEEP_INTERRUPTED_MS)
      .sort((a, b) => b.started - a.started)
      .slice(0, KEEP_INTERRUPTED);
  }

  /** Replaces this process's journal with `tasks` (running and interrupted ones), atomically. */
  write(tasks: TaskInfo[]): void {
    const kept = tasks.filter((t) => t.state === 'running' || t.state === 'interrupted').map(slim);
    try {
      writeJsonAtomically(this.file, { pid: process.pid, tasks: kept }, { indent: 0 });
    } catch {
      /* a full disk must not break the task itself */
    }
  }
}
