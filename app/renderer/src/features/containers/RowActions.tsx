// The per-row actions, named exactly as users and tests expect: Start, Stop, Restart, Pause,
// Resume, Remove, Logs, Terminal, Inspect.
import type { ContainerSummary } from '../../../../shared/contract';
import { href } from '../../app/router';
import { Icon } from '../../components/Icon';
import { useContainerAction } from './use-container-action';

export function RowActions({ container: c, onRemove }: { container: ContainerSummary; onRemove(): void }) {
  const act = useContainerAction();
  const running = c.state === 'running' || c.state === 'restarting';
  const paused = c.state === 'paused';
  const busy = act.pending(c.id);
  return (
    <div className="row-actions" role="group" aria-label={`Actions for ${c.name}`}>
      {running || paused ? (
        <button
          type="button"
          className="icon"
          title="Stop"
          aria-label="Stop"
          disabled={busy}
          onClick={() => act.run('containers.stop', c)}
        >
          <Icon name="stop" />
        </button>
      ) : (
        <button
          type="button"
          className="icon"
          title="Start"
          aria-label="Start"
          disabled={busy}
          onClick={() => act.run('containers.start', c)}
        >
          <Icon name="play" />
        </button>
      )}
      <button
        type="button"
        className="icon"
        title="Restart"
        aria-label="Restart"
        disabled={busy || c.state === 'created'}
        onClick={() => act.run('containers.restart', c)}
      >
        <Icon name="restart" />
      </button>
      {running && (
        <button
          type="button"
          className="icon"
          title="Pause"
          aria-label="Pause"
          disabled={busy}
          onClick={() => act.run('containers.pause', c)}
        >
          <Icon name="pause" />
        </button>
      )}
      {paused && (
        <button
          type="button"
          className="icon"
          title="Resume"
          aria-label="Resume"
          disabled={busy}
          onClick={() => act.run('containers.unpause', c)}
        >
          <Icon name="resume" />
        </button>
      )}
      <a className="icon-link" title="Logs" aria-label="Logs" href={href('containers', c.id, 'logs')}>
        <Icon name="logs" />
      </a>
      <a
        className={`icon-link${running ? '' : ' disabled'}`}
        title={running ? 'Terminal' : 'Terminal (start the container first)'}
        aria-label="Terminal"
        aria-disabled={!running}
        href={running ? href('containers', c.id, 'terminal') : undefined}
      >
        <Icon name="terminal" />
      </a>
      <a className="icon-link" title="Inspect" aria-label="Inspect" href={href('containers', c.id, 'inspect')}>
        <Icon name="inspect" />
      </a>
      <button
        type="button"
        className="icon danger-hover"
        title="Remove"
        aria-label="Remove"
        disabled={busy}
        onClick={onRemove}
      >
        <Icon name="trash" />
      </button>
    </div>
  );
}
