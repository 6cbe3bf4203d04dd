// A service's rolling update (or rollback) as it happens: how many tasks run the new settings, a bar,
// and why it paused when it did. The task list below changes as each task is replaced.
import type { SwarmService, SwarmTask } from '../../../../shared/contract/areas/swarm';
import { progressText, updateProgress } from './update-progress';

export function UpdateProgress({ service, tasks }: { service: SwarmService; tasks: readonly SwarmTask[] }) {
  const p = updateProgress(service, tasks);
  if (!p) return null;
  return (
    <div className={`update-progress${p.paused ? ' paused' : ''}`} role="status" aria-label="Update progress">
      <span>{progressText(p)}</span>
      {p.active && p.total > 0 && (
        <progress max={p.total} value={p.updated} aria-label={`${p.updated} of ${p.total} tasks updated`} />
      )}
    </div>
  );
}
