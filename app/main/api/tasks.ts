// The task centre: long operations (pull, push, build, prune, compose up) get an id, report
// progress, end with a result or an error, and can be cancelled. Finished tasks are kept (bounded).
import { randomUUID } from 'node:crypto';
import { BerthError, isErrorInfo } from '../../shared/errors';
import type { TaskInfo, TaskProgress } from '../../shared/contract';

const KEEP_FINISHED = 50;

export type TaskWork = (report: (p: TaskProgress) => void, signal: AbortSignal) => Promise<unknown>;

export class TaskManager {
  private tasks = new Map<string, TaskInfo>();
  private controllers = new Map<string, AbortController>();
  private listeners = new Set<(t: TaskInfo) => void>();

  list(): TaskInfo[] {
    return [...this.tasks.values()].sort((a, b) => b.started - a.started);
  }

  onChange(listener: (t: TaskInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts `work` as a task and returns its info at once; progress and the end arrive as changes. */
  start(kind: TaskInfo['kind'], title: string, work: TaskWork): TaskInfo {
    const id = randomUUID();
    const controller = new AbortController();
    const task: TaskInfo = { id, kind, title, state: 'running', progress: {}, started: Date.now() };
    this.tasks.set(id, task);
    this.controllers.set(id, controller);
    this.emit(task);
    // At most one update per 100 ms, and the latest one always goes out (a trailing emit).
    let last = 0;
    let trailing: NodeJS.Timeout | undefined;
    const report = (p: TaskProgress) => {
      if (task.state !== 'running') return;
      task.progress = p;
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

  private finish(task: TaskInfo, state: TaskInfo['state'], extra: Partial<TaskInfo>): void {
    Object.assign(task, extra, { state, ended: Date.now() });
    this.controllers.delete(task.id);
    this.emit(task);
    const finished = this.list().filter((t) => t.state !== 'running');
    for (const old of finished.slice(KEEP_FINISHED)) this.tasks.delete(old.id);
  }

  private emit(task: TaskInfo): void {
    const snapshot = structuredClone(task);
    for (const l of this.listeners) l(snapshot);
  }
}
