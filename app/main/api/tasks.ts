// The task centre: long operations (pull, push, build, prune, compose up) get an id, report
// progress, end with a result or an error, and can be cancelled. Finished tasks are kept (bounded).
// With a journal, running tasks are recorded on disk, so after Berth died they show as interrupted.
import { randomUUID } from 'node:crypto';
import { Emitter, type Subscription } from '../../shared/emitter';
import { BerthError, isErrorInfo } from '../../shared/errors';
import type { TaskInfo, TaskProgress } from '../../shared/contract';
import type { EngineTask } from '../../engine/docker';
import { interrupted, type TaskJournal } from './task-journal';

const KEEP_FINISHED = 50;
/** Progress reaches the journal at most this often (start and end at once). */
const JOURNAL_EVERY_MS = 1000;

export type TaskWork = (report: (p: TaskProgress) => void, signal: AbortSignal) => Promise<unknown>;

export class TaskManager {
  private tasks = new Map<string, TaskInfo>();
  private controllers = new Map<string, AbortController>();
  private readonly changes = new Emitter<TaskInfo>({ name: 'the task centre' });
  private journalTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly journal?: TaskJournal) {
    if (!journal) return;
    for (const t of journal.recover()) this.tasks.set(t.id, t);
    this.record();
  }

  /** Writes the journal now (start, end, close) … */
  private record(): void {
    if (!this.journal || this.closed) return;
    clearTimeout(this.journalTimer);
    this.journalTimer = undefined;
    this.journal.write(this.list());
  }

  /** … or soon, for progress. */
  private recordSoon(): void {
    if (!this.journal || this.closed || this.journalTimer) return;
    this.journalTimer = setTimeout(() => this.record(), JOURNAL_EVERY_MS);
    this.journalTimer.unref();
  }

  list(): TaskInfo[] {
    return [...this.tasks.values()].sort((a, b) => b.started - a.started);
  }

  onChange(listener: (t: TaskInfo) => void): Subscription {
    return this.changes.on(listener);
  }

  /** Starts a task the engine facade handed out (a pull, a build, a compose up…). */
  run(task: EngineTask): TaskInfo {
    return this.start(task.kind, task.title, (report, signal) => task.run(report, signal));
  }

  /** Starts `work` as a task and returns its info at once; progress and the end arrive as changes. */
  start(kind: TaskInfo['kind'], title: string, work: TaskWork): TaskInfo {
    const id = randomUUID();
    const controller = new AbortController();
    const task: TaskInfo = { id, kind, title, state: 'running', progress: {}, started: Date.now() };
    this.tasks.set(id, task);
    this.controllers.set(id, controller);
    this.emit(task);
    this.record();
    // At most one update per 100 ms, and the latest one always goes out (a trailing emit).
    let last = 0;
    let trailing: NodeJS.Timeout | undefined;
    const report = (p: TaskProgress) => {
      if (task.state !== 'running') return;
      task.progress = p;
      this.recordSoon();
      const wait = 100 - (Date.now() - last);
      if (wait <= 0) {
        last = Date.now();
        this.emit(task);
      } else
        trailing ??= setTimeout(() => {
          trailing = undefined;
          last = Date.now();
          if (task.state === 'running') this.emit(task);
        }, wait);
    };
    const settle = () => clearTimeout(trailing);
    work(report, controller.signal).then(
      (result) => {
        settle();
        this.finish(task, controller.signal.aborted ? 'cancelled' : 'done', { result });
      },
      (err: unknown) => {
        settle();
        if (controller.signal.aborted) return this.finish(task, 'cancelled', {});
        const error = err instanceof BerthError ? err.toJSON() : isErrorInfo(err) ? err : undefined;
        this.finish(task, 'failed', {
          error: error ?? {
            kind: 'internal',
            message: `${title} failed unexpectedly.`,
            detail: (err as Error)?.message ?? String(err),
          },
        });
      },
    );
    return { ...task };
  }

  cancel(id: string): void {
    const c = this.controllers.get(id);
    if (!c) throw new BerthError({ kind: 'not-found', message: 'That task has already finished or does not exist.' });
    c.abort();
  }

  /** Forgets every finished task; running ones stay. Returns how many were forgotten. */
  clearFinished(): number {
    let cleared = 0;
    for (const [id, t] of this.tasks)
      if (t.state !== 'running') {
        this.tasks.delete(id);
        cleared++;
      }
    return cleared;
  }

  /** Cancels every running task (on shutdown). */
  cancelAll(): void {
    for (const c of this.controllers.values()) c.abort();
  }

  /**
   * On shutdown: the journal records the tasks still running as interrupted by the quit (the next start
   * shows them so), and is written no more; then every running task is cancelled.
   */
  close(): void {
    if (this.journal && !this.closed) {
      const now = Date.now();
      this.journal.write(this.list().map((t) => (t.state === 'running' ? interrupted(t, 'quit', now) : t)));
    }
    this.closed = true;
    clearTimeout(this.journalTimer);
    this.cancelAll();
  }

  private finish(task: TaskInfo, state: TaskInfo['state'], extra: Partial<TaskInfo>): void {
    Object.assign(task, extra, { state, ended: Date.now() });
    this.controllers.delete(task.id);
    this.emit(task);
    this.record();
    const finished = this.list().filter((t) => t.state !== 'running');
    for (const old of finished.slice(KEEP_FINISHED)) this.tasks.delete(old.id);
  }

  private emit(task: TaskInfo): void {
    if (this.changes.size) this.changes.emit(structuredClone(task));
  }
}
