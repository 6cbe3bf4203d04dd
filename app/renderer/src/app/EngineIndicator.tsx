import { engineSleeping, useEngineStatus } from './engine-status';
import { href } from './router';

const labels: Record<string, string> = {
  none: 'No engine',
  stopped: 'Engine stopped',
  starting: 'Engine starting',
  running: 'Engine running',
  stopping: 'Engine stopping',
  error: 'Engine error',
};

export function EngineIndicator() {
  const status = useEngineStatus();
  const state = status?.state ?? 'none';
  const asleep = engineSleeping(status);
  const label = !status ? 'Connecting to Berth…' : asleep ? 'Engine sleeping (idle)' : labels[state];
  const progress = status && state !== 'running' ? status.progress : '';
  return (
    <a
      className={`engine-indicator state-${state}${asleep ? ' state-sleeping' : ''}`}
      href={href('engine')}
      aria-label={`${label}${progress ? `: ${progress}` : ''}. Open the Engine page.`}
    >
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
      {progress && <span className="progress-line">{progress}</span>}
    </a>
  );
}
