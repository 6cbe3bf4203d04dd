// Small pieces the images, volumes, networks, engine and settings pages share: a labelled form
// field with its error, a live view of one task (per-layer bars, log, failure), and error text.
import { useEffect, useRef, type ReactNode } from 'react';
import type { TaskInfo } from '../../../shared/contract';
import { useRequest } from '../api/hooks';
import { formatBytes } from './format';
import './kit.css';

export function Field({
  label,
  error,
  children,
  id,
  hint,
  hintClass = 'hint',
}: {
  label: string;
  error?: string | undefined;
  children: ReactNode;
  id: string;
  hint?: string;
  /** The hint's own class, where a form places its hints differently. */
  hintClass?: string;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <p className={`muted small ${hintClass}`}>{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The message of a failed call, as a sentence. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
export const fieldOf = (e: unknown): string | undefined => (e as { field?: string } | null)?.field;

function pct(current?: number, total?: number): number | undefined {
  return current !== undefined && total ? Math.min(100, Math.round((current / total) * 100)) : undefined;
}

/** One task, live: the TaskCentre keeps ['tasks.list'] current from the tasks stream. */
export function useTask(id: string | undefined): TaskInfo | undefined {
  const tasks = useRequest('tasks.list', undefined, { enabled: !!id });
  return id ? tasks.data?.find((t) => t.id === id) : undefined;
}

export function TaskView({
  id,
  initial,
  logOpen = true,
  logLabel = 'Log',
}: {
  id: string;
  initial?: TaskInfo;
  /** Whether the log shows at first (the task centre keeps logs folded; a task's own dialog shows it). */
  logOpen?: boolean;
  /** "Log", or "Output" for a run. */
  logLabel?: string;
}) {
  const task = useTask(id) ?? initial;
  const logRef = useRef<HTMLPreElement>(null);
  const logLen = task?.progress.log?.length ?? 0;
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [logLen]);
  if (!task) return <p className="muted">Starting…</p>;
  const p = task.progress;
  const overall = pct(p.current, p.total);
  return (
    <div className="task-view" role="region" aria-label={`${task.title} progress`}>
      <p className="task-view-state">
        <span className={`badge ${task.state}`}>{task.state}</span> <span role="status">{p.text ?? ''}</span>
      </p>
      {task.state === 'running' && overall !== undefined && (
        <progress className="task-overall" max={100} value={overall} aria-label="Overall progress" />
      )}
      {p.layers && p.layers.length > 0 && (
        <ul className="layer-list" aria-label="Layers">
          {p.layers.map((l) => {
            const finished = /complete|already exists|pushed|mounted/i.test(l.status);
            const v = finished ? 100 : pct(l.current, l.total);
            return (
              <li key={l.id} aria-label={`Layer ${l.id}`}>
                <span className="mono small layer-id">{l.id}</span>
                <progress max={100} value={v ?? 0} aria-label={`Layer ${l.id} progress`} />
                <span className="small muted layer-status">
                  {l.status}
                  {l.total
                    ? ` · ${finished ? formatBytes(l.total) : `${formatBytes(l.current ?? 0)} / ${formatBytes(l.total)}`}`
                    : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {p.log && p.log.length > 0 && (
        <details className="task-log-fold" open={logOpen || undefined}>
          <summary>
            {logLabel} ({p.log.length} line{p.log.length === 1 ? '' : 's'})
          </summary>
          <pre className="task-log" ref={logRef} aria-label={logLabel} tabIndex={0}>
            {p.log.join('\n')}
          </pre>
        </details>
      )}
      <ErrorText message={task.error?.message} />
    </div>
  );
}

/** A failure said as an alert; nothing when there is none. */
export function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  );
}
