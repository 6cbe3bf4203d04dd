// The actions of one project: Up, Down (confirmed), Start, Stop, Restart, Pull. Each button is named
// with the project, so a list of projects reads unambiguously.
import { useState } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { DownDialog } from './DownDialog';
import { useComposeAction } from './use-compose-action';

export function ProjectActions({ project, compact }: { project: ComposeProject; compact?: boolean }) {
  const act = useComposeAction();
  const [confirmDown, setConfirmDown] = useState(false);
  const busy = act.pending(project.name);
  const name = project.name;
  const noFiles = project.filesPresent ? undefined : 'Its compose file is gone: open the file again to do this.';
  const cls = compact ? 'small' : undefined;
  return (
    <div className="row-actions" role="group" aria-label={`Actions for project ${name}`}>
      <button
        type="button"
        className={cls}
        aria-label={`Up project ${name}`}
        title={noFiles ?? 'Create and start its containers from the compose file (up -d)'}
        disabled={busy || !project.filesPresent}
        onClick={() => void act.up(name)}
      >
        Up
      </button>
      <button
        type="button"
        className={cls}
        aria-label={`Start project ${name}`}
        title="Start its stopped containers"
        disabled={busy || project.running === project.total}
        onClick={() => void act.label('start', name)}
      >
        Start
      </button>
      <button
        type="button"
        className={cls}
        aria-label={`Stop project ${name}`}
        title="Stop its running containers"
        disabled={busy || project.running === 0}
        onClick={() => void act.label('stop', name)}
      >
        Stop
      </button>
      <button
        type="button"
        className={cls}
        aria-label={`Restart project ${name}`}
        title="Restart its containers"
        disabled={busy}
        onClick={() => void act.label('restart', name)}
      >
        Restart
      </button>
      <button
        type="button"
        className={cls}
        aria-label={`Pull project ${name}`}
        title={noFiles ?? 'Pull the images of its services'}
        disabled={busy || !project.filesPresent}
        onClick={() => void act.pull(name)}
      >
        Pull
      </button>
      <button
        type="button"
        className={`${cls ?? ''} danger-hover`.trim()}
        aria-label={`Down project ${name}`}
        title="Stop and remove its containers and networks"
        disabled={busy}
        onClick={() => setConfirmDown(true)}
      >
        Down
      </button>
      {confirmDown && (
        <DownDialog
          project={project}
          onConfirm={(volumes) => act.down(name, volumes)}
          onClose={() => setConfirmDown(false)}
        />
      )}
    </div>
  );
}
