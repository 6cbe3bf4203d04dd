// What restarting the engine does to the containers running now. dockerd stops every running
// container when it shuts down, unless live-restore is on (then they keep running, if the new
// settings keep it on too). On start it brings back those whose restart policy says so: "always" and
// "unless-stopped" (a stop by the engine's shutdown is not a stop by the user), and "on-failure" when
// the container exited with an error as it was stopped.
import type { RestartEffect } from '../../../shared/contract/areas/engine-config';

export interface RunningContainer {
  name: string;
  /** "no", "always", "unless-stopped", "on-failure" (empty is "no"). */
  restartPolicy: string;
}

type After = RestartEffect['containers'][number]['after'];

function afterRestart(policy: string): After {
  if (policy === 'always' || policy === 'unless-stopped') return 'comes back';
  if (policy === 'on-failure') return 'comes back if it exits with an error';
  return 'stays stopped';
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function restartEffect(o: {
  running: boolean;
  liveRestoreBefore: boolean;
  liveRestoreAfter: boolean;
  containers: readonly RunningContainer[];
}): RestartEffect {
  if (!o.running)
    return {
      summary: 'The engine is not running: Berth starts it with the new settings.',
      keepsRunning: false,
      containers: [],
    };
  const keepsRunning = o.liveRestoreBefore && o.liveRestoreAfter;
  const containers = o.containers.map((c) => ({
    name: c.name,
    restartPolicy: c.restartPolicy || 'no',
    after: keepsRunning ? ('keeps running' as const) : afterRestart(c.restartPolicy),
  }));
  const n = containers.length;
  let summary: string;
  if (keepsRunning)
    summary = `The engine restarts; live-restore is on, so ${n === 0 ? 'containers started later keep running through it' : `its ${count(n, 'running container')} keep${n === 1 ? 's' : ''} running`}.`;
  else if (n === 0) summary = 'The engine restarts; no container is running, so none is stopped.';
  else {
    const back = containers.filter((c) => c.after === 'comes back').length;
    summary =
      `The engine restarts and stops its ${count(n, 'running container')} (each gets its stop timeout, 10 s unless set). ` +
      (back === n
        ? n === 1
          ? 'It comes back by its restart policy.'
          : `All ${n} come back by their restart policy.`
        : back
          ? `${back} come${back === 1 ? 's' : ''} back by ${back === 1 ? 'its' : 'their'} restart policy; ${n - back === 1 ? 'the other stays' : `the other ${n - back} stay`} stopped until you start ${n - back === 1 ? 'it' : 'them'}.`
          : 'None has a restart policy that brings it back: start them again yourself.');
    if (o.liveRestoreAfter && !o.liveRestoreBefore)
      summary += ' live-restore takes effect from the restart after this one.';
  }
  return { summary, keepsRunning, containers };
}
