// How a service's mode, tasks and ports read in a list.
import type { ServicePort, SwarmService } from '../../../../shared/contract/areas/swarm';

export function tasksText(s: SwarmService): string {
  if (s.mode === 'replicated-job') return `${s.completed ?? 0} of ${s.completions ?? 0} completed`;
  if (s.mode === 'global-job') return `${s.completed ?? 0} completed`;
  return `${s.running}/${s.desired}`;
}

export const modeText = (s: SwarmService): string => s.mode.replace('-', ' ');

export function portText(p: ServicePort): string {
  return `${p.published ?? '*'}→${p.target}/${p.protocol}${p.mode === 'host' ? ' (host)' : ''}`;
}

/** A service whose tasks do not all run. */
export const short = (s: SwarmService): boolean => !s.mode.endsWith('-job') && s.running < s.desired;
