// A dialog that starts a long task (pull, push, build, save, load): its form until the task has
// started, then the task live with Close (Continue in the background while it runs) and, once it
// has ended, optionally a way to start another.
import type { ReactNode } from 'react';
import type { TaskInfo } from '../../../shared/contract';
import { Dialog } from './Dialog';
import { TaskView, useTask } from './kit';

export interface AgainButton {
  label: string;
  onClick(): void;
}

export function TaskDialog({
  title,
  wide,
  task,
  again,
  onClose,
  children,
}: {
  title: string;
  wide?: boolean;
  /** The task the form started; the form shows until there is one. */
  task: TaskInfo | undefined;
  again?: AgainButton;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      {task ? <TaskFollow task={task} again={again} onClose={onClose} /> : children}
    </Dialog>
  );
}

function TaskFollow({ task, again, onClose }: { task: TaskInfo; again?: AgainButton | undefined; onClose(): void }) {
  const live = useTask(task.id);
  const running = live?.state === 'running';
  return (
    <>
      <TaskView id={task.id} initial={task} />
      <div className="dialog-actions">
        {again && live && !running && (
          <button type="button" onClick={again.onClick}>
            {again.label}
          </button>
        )}
        <button type="button" className="primary" autoFocus onClick={onClose}>
          {running ? 'Continue in the background' : 'Close'}
        </button>
      </div>
    </>
  );
}
