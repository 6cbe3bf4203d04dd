// The output of the latest compose task started from these pages (up, down, pull), streaming as
// the CLI prints it; its failure as the sentence the engine side made.
import { useEffect, useRef } from 'react';
import { useRequest } from '../../api/hooks';
import { ErrorText } from '../../components/kit';
import { useComposeUi } from './compose-store';

export function ComposeTaskOutput() {
  const id = useComposeUi((s) => s.lastTaskId);
  const setLastTask = useComposeUi((s) => s.setLastTask);
  const tasks = useRequest('tasks.list');
  const task = tasks.data?.find((t) => t.id === id);
  const pre = useRef<HTMLPreElement>(null);
  const lines = task?.progress.log ?? [];
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines.length]);
  if (!id || !task) return null;
  const stateText = {
    running: 'running',
    done: 'finished',
    failed: 'failed',
    cancelled: 'cancelled',
    interrupted: 'interrupted',
  }[task.state];
  return (
    <section className="card task-output" aria-labelledby="compose-task-title">
      <div className="task-output-head">
        <h2 id="compose-task-title">{task.title}</h2>
        <span className={`badge ${task.state}`} role="status">
          {stateText}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="small"
          onClick={() => setLastTask(undefined)}
          disabled={task.state === 'running'}
        >
          Dismiss
        </button>
      </div>
      <ErrorText message={task.error?.message} />
      <pre ref={pre} className="log-tail" aria-label={`Output of ${task.title}`} tabIndex={0}>
        {lines.length ? lines.join('\n') : (task.progress.text ?? '')}
      </pre>
    </section>
  );
}
