// The per-row actions, buttons named exactly as users and tests expect: Start, Stop, Restart,
// Pause, Resume, Logs, Terminal, Inspect, Remove. Which ones show depends on the container's state.
import type { ContainerSummary } from '../../../../shared/contract';
import { href, navigate } from '../../app/router';
import { Icon, type IconName } from '../../components/Icon';
import { useContainerAction } from './use-container-action';

interface Action {
  label: string;
  icon: IconName;
  onClick(): void;
  disabled?: boolean;
  /** Shown as the tooltip when it differs from the label. */
  title?: string;
  danger?: boolean;
}

export function RowActions({ container: c, onRemove }: { container: ContainerSummary; onRemove(): void }) {
  const act = useContainerAction();
  const running = c.state === 'running' || c.state === 'restarting';
  const paused = c.state === 'paused';
  const busy = act.pending(c.id);
  const open = (tab: string) => () => navigate(href('containers', c.id, tab));
  const actions: Action[] = [
    running || paused
      ? { label: 'Stop', icon: 'stop', disabled: busy, onClick: () => act.run('containers.stop', c) }
      : { label: 'Start', icon: 'play', disabled: busy, onClick: () => act.run('containers.start', c) },
    {
      label: 'Restart',
      icon: 'restart',
      disabled: busy || c.state === 'created',
      onClick: () => act.run('containers.restart', c),
    },
    ...(running
      ? [{ label: 'Pause', icon: 'pause', disabled: busy, onClick: () => act.run('containers.pause', c) } as Action]
      : []),
    ...(paused
      ? [{ label: 'Resume', icon: 'resume', disabled: busy, onClick: () => act.run('containers.unpause', c) } as Action]
      : []),
    { label: 'Logs', icon: 'logs', onClick: open('logs') },
    {
      label: 'Terminal',
      icon: 'terminal',
      disabled: !running,
      title: running ? 'Terminal' : 'Terminal (start the container first)',
      onClick: open('terminal'),
    },
    { label: 'Inspect', icon: 'inspect', onClick: open('inspect') },
    { label: 'Remove', icon: 'trash', disabled: busy, danger: true, onClick: onRemove },
  ];
  return (
    <div className="row-actions" role="group" aria-label={`Actions for ${c.name}`}>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className={a.danger ? 'icon danger-hover' : 'icon'}
          title={a.title ?? a.label}
          aria-label={a.label}
          disabled={a.disabled}
          onClick={a.onClick}
        >
          <Icon name={a.icon} />
        </button>
      ))}
    </div>
  );
}
