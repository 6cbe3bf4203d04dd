// The task centre: every long operation (pull, push, build, prune …) with its progress.
import { useEffect, useRef } from 'react';
import type { TaskInfo } from '../../../shared/contract';
import { useAction, useQueryClient, useRequest, useStream } from '../api/hooks';
import { TaskView } from '../components/kit';
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
  const panel = useRef<HTMLDivElement>(null);
  useStream('tasks', {}, 'tasks', {
    onData(items) {
      const prev = queryClient.getQueryData<TaskInfo[]>(['tasks.list']);
      for (const t of items) {
        const before = prev?.find((p) => p.id === t.id);
        if (before?.state === 'running' && t.state === 'done') toast('success', `${t.title} finished.`);
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
  return (
    <div className="task-centre">
      <button type="button" aria-expanded={open} aria-controls="task-panel" onClick={() => setOpen(!open)}>
        Tasks{running ? ` (${running} running)` : ''}
      </button>
      {open && (
        <div
          id="task-panel"
          className="popover"
          role="region"
          aria-label="Tasks"
          tabIndex={-1}
          ref={panel}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          {tasks.length === 0 && (
            <p className="muted">No tasks yet. Pulls, builds, pushes and prunes show their progress here.</p>
          )}
          <ul className="task-list">
            {tasks.map((t) => (
              <li key={t.id} aria-label={t.title}>
                <strong>{t.title}</strong>
                <TaskView id={t.id} initial={t} />
                {t.state === 'running' && (
                  <button type="button" className="small" onClick={() => cancel.mutate({ id: t.id })}>
                    Cancel
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
