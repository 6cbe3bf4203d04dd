// The task centre: every long operation (pull, push, build, prune, a kept run …) with its progress,
// in a popover that behaves like one (Escape, a press outside and navigation close it); logs are
// folded until asked for, and finished tasks can be cleared.
import { useEffect, useRef } from 'react';
import type { TaskInfo } from '../../../shared/contract';
import { useAction, useQueryClient, useRequest, useStream } from '../api/hooks';
import { ErrorText, TaskView } from '../components/kit';
import { usePopover } from '../components/use-popover';
import { useUi } from './ui-store';

function mergeTasks(prev: TaskInfo[] | undefined, updates: TaskInfo[]): TaskInfo[] {
  const byId = new Map((prev ?? []).map((t) => [t.id, t]));
  for (const t of updates) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => b.started - a.started);
}

export function TaskCentre() {
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const open = useUi((s) => s.tasksOpen);
  const setOpen = useUi((s) => s.setTasksOpen);
  const tasks = useRequest('tasks.list').data ?? [];
  const cancel = useAction('tasks.cancel');
  const clear = useAction('tasks.clear');
  const panel = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  usePopover(open, () => setOpen(false), wrap, toggle);
  useStream('tasks', {}, 'tasks', {
    onData(items) {
      const prev = queryClient.getQueryData<TaskInfo[]>(['tasks.list']);
      for (const t of items) {
        const before = prev?.find((p) => p.id === t.id);
        if (before?.state === 'running' && t.state === 'done')
          toast(
            'success',
            t.kind === 'run' && t.progress.text ? `${t.title}: ${t.progress.text}.` : `${t.title} finished.`,
          );
        if (before?.state === 'running' && t.state === 'failed')
          toast('error', t.error?.message ?? `${t.title} failed.`);
      }
      queryClient.setQueryData(['tasks.list'], mergeTasks(prev, items));
    },
  });
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  const running = tasks.filter((t) => t.state === 'running').length;
  const finished = tasks.length - running;
  const clearFinished = () =>
    clear.mutate(
      {},
      {
        onSuccess: () =>
          queryClient.setQueryData<TaskInfo[]>(['tasks.list'], (prev) => prev?.filter((t) => t.state === 'running')),
      },
    );
  return (
    <div className="task-centre" ref={wrap}>
      <button ref={toggle} type="button" aria-expanded={open} aria-controls="task-panel" onClick={() => setOpen(!open)}>
        Tasks{running ? ` (${running} running)` : ''}
      </button>
      {open && (
        <div id="task-panel" className="popover" role="region" aria-label="Tasks" tabIndex={-1} ref={panel}>
          <div className="task-centre-head">
            <h2>Tasks</h2>
            <button type="button" className="small" disabled={!finished || clear.isPending} onClick={clearFinished}>
              Clear finished
            </button>
          </div>
          <ErrorText message={clear.error?.message} />
          {tasks.length === 0 && (
            <p className="muted">No tasks yet. Pulls, builds, pushes, prunes and kept runs show their progress here.</p>
          )}
          <ul className="task-list">
            {tasks.map((t) => (
              <li key={t.id} aria-label={t.title}>
                <strong>{t.title}</strong>
                <TaskView id={t.id} initial={t} logOpen={false} logLabel={t.kind === 'run' ? 'Output' : 'Log'} />
                {t.state === 'running' && (
                  <button
                    type="button"
                    className="small"
                    aria-label={`${t.kind === 'run' ? 'Stop' : 'Cancel'} ${t.title}`}
                    onClick={() => cancel.mutate({ id: t.id })}
                  >
                    {t.kind === 'run' ? 'Stop' : 'Cancel'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
