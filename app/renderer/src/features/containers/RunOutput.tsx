// A run that removes itself when it exits: its output and how it ended (the container is gone by
// then), with Stop while it runs and Run again (the same form) after.
import type { TaskInfo } from '../../../../shared/contract';
import { useAction } from '../../api/hooks';
import { href } from '../../app/router';
import { TaskView, useTask } from '../../components/kit';

export function RunOutput({
  task,
  containerId,
  onAgain,
  onClose,
}: {
  task: TaskInfo;
  containerId: string;
  onAgain(): void;
  onClose(): void;
}) {
  const live = useTask(task.id) ?? task;
  const running = live.state === 'running';
  const stop = useAction('tasks.cancel');
  return (
    <>
      <p className="muted small">
        The container is removed when it exits; its output stays here and in Tasks.
        {running && (
          <>
            {' '}
            <a href={href('containers', containerId)} onClick={onClose}>
              Open the container
            </a>
          </>
        )}
      </p>
      <TaskView id={task.id} initial={task} logLabel="Output" />
      <div className="dialog-actions">
        {running ? (
          <button type="button" disabled={stop.isPending} onClick={() => stop.mutate({ id: task.id })}>
            {stop.isPending ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="button" onClick={onAgain}>
            Run again
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          {running ? 'Continue in the background' : 'Close'}
        </button>
      </div>
    </>
  );
}
