// Runs a container action with feedback: a toast with the engine's sentence on failure, the
// list refreshed by the engine's event (not by a refetch here).
import { useState } from 'react';
import type { ContainerSummary } from '../../../../shared/contract';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';

type Verb = 'containers.start' | 'containers.stop' | 'containers.restart' | 'containers.pause' | 'containers.unpause';

const done: Record<Verb, string> = {
  'containers.start': 'started',
  'containers.stop': 'stopped',
  'containers.restart': 'restarted',
  'containers.pause': 'paused',
  'containers.unpause': 'resumed',
};

export function useContainerAction() {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const mark = (id: string, on: boolean) =>
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const run = async (verb: Verb, c: Pick<ContainerSummary, 'id' | 'name'>): Promise<boolean> => {
    mark(c.id, true);
    try {
      await client.request(verb, { id: c.id });
      return true;
    } catch (e) {
      toast('error', (e as Error).message);
      return false;
    } finally {
      mark(c.id, false);
    }
  };
  return {
    run,
    /** Runs one verb over many containers, reporting one summary. */
    async bulk(verb: Verb, list: Pick<ContainerSummary, 'id' | 'name'>[]) {
      const results = await Promise.all(list.map((c) => run(verb, c)));
      const ok = results.filter(Boolean).length;
      if (ok) toast('success', `${ok} container${ok === 1 ? '' : 's'} ${done[verb]}.`);
    },
    pending: (id: string) => busy.has(id),
  };
}
