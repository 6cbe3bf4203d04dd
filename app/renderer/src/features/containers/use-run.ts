// Running from the run dialog, as `docker run` does: an image the engine does not have is pulled
// first (the pull's progress is a task the dialog shows), then the run is tried again; a run that
// removes itself when it exits comes back with a task whose log is its output. A refusal comes back
// with the field it concerns.
import { useEffect, useState } from 'react';
import type { RunSpec, TaskInfo } from '../../../../shared/contract';
import type { CallError } from '../../api/client';
import { useClient } from '../../api/hooks';
import { useTask } from '../../components/kit';

export type RunPhase =
  | { kind: 'form' }
  /** The image was not on the engine: pulling it, then the same spec runs. */
  | { kind: 'pulling'; task: TaskInfo; spec: RunSpec }
  /** A run that removes itself: its output and exit code, kept by a task. */
  | { kind: 'output'; task: TaskInfo; id: string };

export interface RunRefusal {
  field?: string | undefined;
  message: string;
}

const pullFailed = (t: TaskInfo, image: string): string =>
  t.state === 'cancelled'
    ? `The pull of ${image} was cancelled, so the container did not start.`
    : (t.error?.message ?? `Could not pull ${image}.`);

export function useRun(onStarted: (id: string, spec: RunSpec) => void) {
  const client = useClient();
  const [phase, setPhase] = useState<RunPhase>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RunRefusal>();

  async function run(spec: RunSpec, pulled = false): Promise<void> {
    setBusy(true);
    setRefusal(undefined);
    try {
      const res = await client.request('containers.run', spec);
      if (res.task) setPhase({ kind: 'output', task: res.task, id: res.id });
      else {
        setPhase({ kind: 'form' });
        onStarted(res.id, spec);
      }
    } catch (err) {
      const e = err as CallError;
      if (!pulled && e.kind === 'not-found' && e.field === 'image') {
        try {
          const task = await client.request('images.pull', { ref: spec.image });
          setPhase({ kind: 'pulling', task, spec });
          return;
        } catch (pullErr) {
          const p = pullErr as CallError;
          setRefusal({ field: 'image', message: p.message });
          return;
        }
      }
      setPhase({ kind: 'form' });
      setRefusal({ field: e.field, message: e.message });
    } finally {
      setBusy(false);
    }
  }

  // The pull ends: run the same spec (once), or say why not at the image.
  const pull = useTask(phase.kind === 'pulling' ? phase.task.id : undefined);
  useEffect(() => {
    if (phase.kind !== 'pulling' || !pull || pull.state === 'running') return;
    if (pull.state === 'done') void run(phase.spec, true);
    else {
      setPhase({ kind: 'form' });
      setRefusal({ field: 'image', message: pullFailed(pull, phase.spec.image) });
    }
    // only the pull's end matters here
  }, [pull?.state]);

  return {
    phase,
    busy,
    refusal,
    run,
    /** The user changed the field the refusal was about. */
    clearRefusal: () => setRefusal(undefined),
    cancelPull: () =>
      phase.kind === 'pulling' && void client.request('tasks.cancel', { id: phase.task.id }).catch(() => undefined),
    /** Back to the form (same values), e.g. to run again. */
    backToForm: () => setPhase({ kind: 'form' }),
  };
}
