// The actions of one project: Up, Down (confirmed), Start, Stop, Restart, Pull. Each button is named
// with the project, so a list of projects reads unambiguously.
import { useState } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { DownDialog } from './DownDialog';
import { useComposeAction } from './use-compose-action';

type Verb = 'Up' | 'Start' | 'Stop' | 'Restart' | 'Pull' | 'Down';

const titles: Record<Verb, string> = {
  Up: 'Create and start its containers from the compose file (up -d)',
  Start: 'Start its stopped containers',
  Stop: 'Stop its running containers',
  Restart: 'Restart its containers',
  Pull: 'Pull the images of its services',
  Down: 'Stop and remove its containers and networks',
};

interface ProjectButton {
  verb: Verb;
  onClick(): void;
  /** Nothing to do (e.g. Start when every container runs). */
  idle?: boolean;
  /** Reads the compose file, so held (and says why) when the file is gone. */
  needsFiles?: boolean;
  /** Destructive: highlighted in the danger colour on hover. */
  danger?: boolean;
}

export function ProjectActions({ project, compact }: { project: ComposeProject; compact?: boolean }) {
  const act = useComposeAction();
  const [confirmDown, setConfirmDown] = useState(false);
  const busy = act.pending(project.name);
  const name = project.name;
  const noFiles = project.filesPresent ? undefined : 'Its compose file is gone: open the file again to do this.';
  const buttons: ProjectButton[] = [
    { verb: 'Up', needsFiles: true, onClick: () => void act.up(name) },
    { verb: 'Start', idle: project.running === project.total, onClick: () => void act.label('start', name) },
    { verb: 'Stop', idle: project.running === 0, onClick: () => void act.label('stop', name) },
    { verb: 'Restart', onClick: () => void act.label('restart', name) },
    { verb: 'Pull', needsFiles: true, onClick: () => void act.pull(name) },
    // Down only asks here; the dialog does it once confirmed.
    { verb: 'Down', danger: true, onClick: () => setConfirmDown(true) },
  ];
  return (
    <div className="row-actions" role="group" aria-label={`Actions for project ${name}`}>
      {buttons.map((b) => (
        <button
          key={b.verb}
          type="button"
          className={[compact && 'small', b.danger && 'danger-hover'].filter(Boolean).join(' ') || undefined}
          aria-label={`${b.verb} project ${name}`}
          title={(b.needsFiles && noFiles) || titles[b.verb]}
          disabled={busy || !!b.idle || (!!b.needsFiles && !project.filesPresent)}
          onClick={b.onClick}
        >
          {b.verb}
        </button>
      ))}
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
