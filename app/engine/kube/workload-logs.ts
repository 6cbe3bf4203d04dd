// A workload's logs merged across its pods (kubectl logs -l SELECTOR --prefix): the pods its
// selector matches, then their history interleaved by timestamp and their live lines through a
// short reorder window, each line tagged with its pod and container.
import type { KubeConfig } from '@kubernetes/client-node';
import type { V1LabelSelector, V1Pod } from '@kubernetes/client-node';
import { BerthError } from '../../shared/errors';
import type { KubeLogLine, KubeWorkloadPods, KubeWorkloadWithPods } from '../../shared/contract/areas/kube';
import { mergeByTimestamp, ReorderWindow, tsKey } from '../compose/log-merge';
import { kubeJson } from './request';
import { resourcePath } from './resources';
import { selectorQuery } from './selector';
import { podLogs } from './workloads';

/** A pod's containers, the one kubectl reads by default first (its default-container annotation, else the first). */
function containersOf(p: V1Pod): string[] {
  const names = (p.spec?.containers ?? []).map((c) => c.name);
  const preferred = p.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  return preferred && names.includes(preferred) ? [preferred, ...names.filter((n) => n !== preferred)] : names;
}

/** The pods a workload's selector matches now, by name, with their containers (the default one first). */
export async function workloadPods(
  kc: KubeConfig,
  resource: KubeWorkloadWithPods,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeWorkloadPods> {
  const opt = signal ? { signal } : {};
  const workload = await kubeJson<{ spec?: { selector?: V1LabelSelector } }>(kc, {
    path: resourcePath(resource, namespace, name),
    ...opt,
  });
  const selector = selectorQuery(workload.spec?.selector);
  if (!selector)
    throw new BerthError({
      kind: 'invalid',
      message: `${name} has no pod selector, so Berth cannot tell which pods are its own.`,
    });
  const list = await kubeJson<{ items?: V1Pod[] }>(kc, {
    path: resourcePath('pods', namespace),
    query: { labelSelector: selector },
    ...opt,
  });
  const pods = (list.items ?? [])
    .map((p) => ({ name: p.metadata?.name ?? '', containers: containersOf(p) }))
    .filter((p) => p.name)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { selector, pods };
}

export interface MergedLogsOptions {
  namespace: string;
  /** The pods and the container read in each (its first when none is named). */
  pods: readonly { pod: string; container?: string }[];
  /** Lines of history per pod (at most MERGED_HISTORY_LINES across all pods). */
  tail: number | 'all';
  follow: boolean;
  signal: AbortSignal;
  /** How long live lines wait to be ordered against other pods' lines (ms). */
  windowMs?: number;
}

const HISTORY_BATCH = 2000;
/** History held at once, in lines, split evenly across the pods (it is merged before it is sent). */
export const MERGED_HISTORY_LINES = 200_000;

/** A line in place of a pod's log that could not be read (no time: it sorts before the history). */
function unreadable(p: { pod: string; container?: string }, what: string, e: unknown): KubeLogLine {
  const why = e instanceof Error ? e.message : String(e);
  return {
    stream: 'stderr',
    text: `[Berth] The log of pod ${p.pod} ${what}: ${why}`,
    pod: p.pod,
    container: p.container ?? '',
  };
}

/** History first (merged by time), then live lines of every pod until the signal aborts. */
export async function* mergedPodLogs(kc: KubeConfig, o: MergedLogsOptions): AsyncGenerator<KubeLogLine[]> {
  const tag = (
    p: { pod: string; container?: string },
    lines: readonly { stream: 'stdout' | 'stderr'; text: string; ts?: string }[],
  ) => lines.map((l): KubeLogLine => ({ ...l, pod: p.pod, container: p.container ?? '' }));
  const share = Math.max(1, Math.floor(MERGED_HISTORY_LINES / Math.max(1, o.pods.length)));
  const tail = o.tail === 'all' ? share : Math.min(o.tail, share);
  const read = async (p: { pod: string; container?: string }) => {
    const out: KubeLogLine[] = [];
    for await (const batch of podLogs(kc, {
      namespace: o.namespace,
      pod: p.pod,
      follow: false,
      tail,
      signal: o.signal,
      ...(p.container ? { container: p.container } : {}),
    }))
      out.push(...tag(p, batch));
    return out;
  };
  const cutoff = new Date().toISOString();
  // A pod whose log cannot be read (gone, not started, forbidden) leaves the others readable and
  // says why in a line of its own; when none can be read, the stream ends with the first reason.
  const results = await Promise.allSettled(o.pods.map((p) => read(p)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === o.pods.length && !o.signal.aborted) throw failures[0];
  const past = results.map((r, i) =>
    r.status === 'fulfilled' ? r.value : [unreadable(o.pods[i]!, 'could not be read', r.reason)],
  );
  const key = (p: { pod: string; container?: string }) => `${p.pod}\u0000${p.container ?? ''}`;
  const seen = new Map<string, string>();
  o.pods.forEach((p, i) => seen.set(key(p), tsKey(past[i]!.filter((l) => l.ts).at(-1)?.ts)));
  const merged = mergeByTimestamp(past);
  for (let i = 0; i < merged.length; i += HISTORY_BATCH) {
    if (o.signal.aborted) return;
    yield merged.slice(i, i + HISTORY_BATCH);
  }
  if (!o.follow || o.signal.aborted) return;

  const window = new ReorderWindow<KubeLogLine>(o.windowMs ?? 150);
  let open = o.pods.length;
  for (const p of o.pods)
    void (async () => {
      try {
        // Followed from the second of its last line read (or of the cut-off): what was already
        // delivered (by time) is dropped.
        const last = seen.get(key(p));
        const from = new Date(Math.floor(Date.parse(last ? `${last.slice(0, 19)}Z` : cutoff) / 1000) * 1000);
        for await (const batch of podLogs(kc, {
          namespace: o.namespace,
          pod: p.pod,
          follow: true,
          tail: 'all',
          sinceTime: from.toISOString().replace(/\.\d+Z$/, 'Z'),
          signal: o.signal,
          ...(p.container ? { container: p.container } : {}),
        })) {
          const last = seen.get(key(p)) ?? '';
          const fresh = batch.filter((l) => tsKey(l.ts) > last);
          if (!fresh.length) continue;
          seen.set(key(p), tsKey(fresh.at(-1)!.ts));
          await window.push(tag(p, fresh));
        }
      } catch (e) {
        // The pod went away or its log broke off: the others go on, and a line says so.
        if (!o.signal.aborted) await window.push([unreadable(p, 'stopped', e)]);
      } finally {
        if (--open === 0) window.close();
      }
    })();
  yield* window.drain(o.signal);
}
