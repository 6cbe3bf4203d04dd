// How far a rolling update (or a rollback) has come, from the service's update state and its tasks:
// the tasks meant to run that already run its current settings, of how many it wants.
import type { ServiceUpdateStatus, SwarmService, SwarmTask } from '../../../../shared/contract/areas/swarm';

export interface UpdateProgress {
  state: ServiceUpdateStatus['state'];
  rollback: boolean;
  /** Under way (neither paused nor finished). */
  active: boolean;
  paused: boolean;
  updated: number;
  total: number;
  message: string;
}

export function updateProgress(service: SwarmService, tasks: readonly SwarmTask[]): UpdateProgress | undefined {
  const u = service.updateStatus;
  if (!u) return undefined;
  const wanted = tasks.filter((t) => t.serviceId === service.id && t.desiredState === 'running');
  const total = service.mode === 'global' ? wanted.length : service.desired;
  const updated = wanted.filter((t) => t.current && t.state === 'running').length;
  return {
    state: u.state,
    rollback: u.state.startsWith('rollback'),
    active: u.state === 'updating' || u.state === 'rollback_started',
    paused: u.state.endsWith('paused'),
    updated: Math.min(updated, total),
    total,
    message: u.message,
  };
}

/** The sentence a service's update state says. */
export function progressText(p: UpdateProgress): string {
  const what = p.rollback ? 'Rollback' : 'Rolling update';
  if (p.active) return `${what}: ${p.updated} of ${p.total} task${p.total === 1 ? '' : 's'} on the new settings`;
  if (p.paused) return `${what} paused${p.message ? `: ${p.message}` : ''}`;
  return `${what} completed`;
}
