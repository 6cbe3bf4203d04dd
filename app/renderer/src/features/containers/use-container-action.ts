// Runs a container action with feedback: the control shows it is working until the row shows what
// the engine says (the reply, then one read of that container), and a failure is a toast naming the
// container by its name.
import { create } from 'zustand';
import type { ContainerState, ContainerSummary } from '../../../../shared/contract';
import { useClient } from '../../api/hooks';
import { useContainerSync } from '../../api/live-updates';
import { useUi } from '../../app/ui-store';

export type Verb =
  'containers.start' | 'containers.stop' | 'containers.restart' | 'containers.pause' | 'containers.unpause';

const words: Record<Verb, { done: string; doing: string; infinitive: string; leaves: ContainerState }> = {
  'containers.start': { done: 'started', doing: 'Starting', infinitive: 'start', leaves: 'running' },
  'containers.stop': { done: 'stopped', doing: 'Stopping', infinitive: 'stop', leaves: 'exited' },
  'containers.restart': { done: 'restarted', doing: 'Restarting', infinitive: 'restart', leaves: 'running' },
  'containers.pause': { done: 'paused', doing: 'Pausing', infinitive: 'pause', leaves: 'paused' },
  'containers.unpause': { done: 'resumed', doing: 'Resuming', infinitive: 'resume', leaves: 'running' },
};

/** "Stopping…" while a stop is out. */
export const doingWord = (verb: Verb): string => `${words[verb].doing}…`;

/** The engine's sentence with the container's id (full or short) replaced by its name. */
export function nameInMessage(message: string, c: Pick<ContainerSummary, 'id' | 'name'>): string {
  let out = message;
  for (const id of [c.id, c.id.slice(0, 12)]) if (id) out = out.split(id).join(c.name);
  return out;
}

/** The toast for a failed action: says which container, by name, and what failed. */
export function failureText(verb: Verb, c: Pick<ContainerSummary, 'id' | 'name'>, err: unknown): string {
  const message = nameInMessage(err instanceof Error ? err.message : String(err), c);
  return message.includes(c.name) ? message : `Could not ${words[verb].infinitive} ${c.name}: ${message}`;
}

interface PendingStore {
  pending: ReadonlyMap<string, Verb>;
  set(id: string, verb: Verb | undefined): void;
}

/** Which containers have an action out, shared by the list rows, the detail header and bulk actions. */
export const usePendingStore = create<PendingStore>((set, get) => ({
  pending: new Map(),
  set(id, verb) {
    const next = new Map(get().pending);
    if (verb) next.set(id, verb);
    else next.delete(id);
    set({ pending: next });
  },
}));

/** The action out for this container, if any. */
export function usePending(id: string): Verb | undefined {
  return usePendingStore((s) => s.pending.get(id));
}

export function useContainerAction() {
  const client = useClient();
  const sync = useContainerSync();
  const toast = useUi((s) => s.toast);
  const setPending = usePendingStore((s) => s.set);
  const run = async (verb: Verb, c: Pick<ContainerSummary, 'id' | 'name'>): Promise<boolean> => {
    setPending(c.id, verb);
    try {
      await client.request(verb, { id: c.id });
      // Pause and resume change nothing but the state; the others also change times, ports, counts.
      if (verb === 'containers.pause' || verb === 'containers.unpause') sync.settle(c.id, words[verb].leaves);
      else await sync.refresh(c.id, words[verb].leaves);
      return true;
    } catch (e) {
      toast('error', failureText(verb, c, e));
      // The click may have come from a row the engine had already left behind: show its truth.
      await sync.refresh(c.id);
      return false;
    } finally {
      setPending(c.id, undefined);
    }
  };
  return {
    run,
    /** Runs one verb over many containers, reporting one summary. */
    async bulk(verb: Verb, list: Pick<ContainerSummary, 'id' | 'name'>[]) {
      const results = await Promise.all(list.map((c) => run(verb, c)));
      const ok = results.filter(Boolean).length;
      if (ok) toast('success', `${ok} container${ok === 1 ? '' : 's'} ${words[verb].done}.`);
    },
  };
}
