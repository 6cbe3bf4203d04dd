// The engine's status in the contract's words, and the sentences for an engine that cannot answer.
import type { EngineAddress } from '../../engine/docker/client';
import type { EngineHost, EngineStatus as HostStatus } from '../../engine/host/types';
import type { EngineStatus } from '../../shared/contract';
import { BerthError } from '../../shared/errors';

export function addressText(a: EngineAddress): string {
  switch (a.kind) {
    case 'unix':
      return `unix://${a.socketPath}`;
    case 'tcp':
      return `tcp://${a.host}:${a.port}`;
    case 'ssh':
      return `ssh://${a.username ? `${a.username}@` : ''}${a.host}${a.port ? `:${a.port}` : ''}`;
  }
}

export function toStatusDto(host: EngineHost, s: HostStatus, restartedAt?: number): EngineStatus {
  return {
    state: s.state,
    progress: s.progress,
    kind: host.kind,
    address: addressText(host.address),
    managed: host.kind !== 'external',
    ...(s.failure
      ? { error: { step: s.failure.step, message: s.failure.message, logTail: s.failure.logTail, fix: s.failure.fix } }
      : {}),
    ...(restartedAt ? { restartedAfterCrash: restartedAt } : {}),
  };
}

/** No host: still choosing one, or none could be chosen and why. */
export function noHostStatus(why: { message: string; fix: string } | undefined): EngineStatus {
  return {
    state: 'none',
    progress: why ? '' : 'Choosing an engine',
    kind: 'none',
    managed: false,
    ...(why ? { error: { step: 'Choosing an engine', message: why.message, fix: why.fix, logTail: [] } } : {}),
  };
}

/** A VM the idle saver stopped reads as resting, not as stopped. */
export function sleepingStatus(dto: EngineStatus): EngineStatus {
  return { ...dto, sleeping: true, progress: 'Resting while idle: it starts again on the next request' };
}

export const noHostError = new BerthError({
  kind: 'unavailable',
  message: 'No container engine is set up. Open the Engine page to choose or install one.',
});

/** Why there is no client while the host is not running: waiting, starting, failed or stopped. */
export function notRunningError(s: HostStatus): BerthError {
  return new BerthError({
    kind: 'unavailable',
    message: s.waiting
      ? `The engine is not there yet. ${s.progress}`
      : s.state === 'starting'
        ? `The engine is still starting (${s.progress || 'one moment'}). Try again when it runs.`
        : s.state === 'error'
          ? (s.failure?.message ?? 'The engine failed.') + ' See the Engine page.'
          : `The engine is ${s.state}. Start it from the Engine page.`,
  });
}
