// One object as kubectl describe and kubectl get -o yaml show it: its YAML (without managedFields),
// its status conditions, its events (found as kubectl finds them: by the involved object's kind and
// name in its namespace), and for a pod the state of each container.
import type { CoreV1Event, V1ContainerState, V1Pod } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { KubeCondition, KubeContainerState, KubeDescribed, KubeResource } from '../../shared/contract/areas/kube';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from './request';
import { RESOURCES, resourcePath } from './resources';
import { eventSummary, toIso } from './summaries';

interface AnyObject {
  metadata?: { managedFields?: unknown; [k: string]: unknown };
  status?: { conditions?: Record<string, unknown>[] };
  [k: string]: unknown;
}

function stateText(s: V1ContainerState | undefined): string {
  if (!s) return '';
  if (s.running) return `Running since ${toIso(s.running.startedAt)}`;
  if (s.waiting) return `Waiting: ${s.waiting.reason ?? ''}${s.waiting.message ? ` (${s.waiting.message})` : ''}`;
  if (s.terminated) {
    const t = s.terminated;
    return `Terminated: ${t.reason ?? 'exited'} (exit ${t.exitCode})${t.finishedAt ? ` at ${toIso(t.finishedAt)}` : ''}`;
  }
  return '';
}

export function podContainers(pod: V1Pod): KubeContainerState[] {
  const statuses = pod.status?.containerStatuses ?? [];
  return (pod.spec?.containers ?? []).map((c) => {
    const s = statuses.find((x) => x.name === c.name);
    return {
      name: c.name,
      image: c.image ?? '',
      ready: s?.ready ?? false,
      restarts: s?.restartCount ?? 0,
      state: stateText(s?.state) || 'Not started',
      lastState: stateText(s?.lastState),
    };
  });
}

export async function describeObject(
  kc: KubeConfig,
  resource: KubeResource,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeDescribed> {
  const kind = RESOURCES[resource].kind;
  const sig = signal ? { signal } : {};
  const obj = await kubeJson<AnyObject>(kc, { path: resourcePath(resource, namespace, name), ...sig });
  const events = await kubeJson<{ items?: CoreV1Event[] }>(kc, {
    path: resourcePath('events', namespace),
    query: { fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` },
    ...sig,
  });
  const { managedFields: _m, ...metadata } = obj.metadata ?? {};
  const conditions: KubeCondition[] = (obj.status?.conditions ?? []).map((c) => ({
    type: String(c.type ?? ''),
    status: String(c.status ?? ''),
    reason: String(c.reason ?? ''),
    message: String(c.message ?? ''),
    since: String(c.lastTransitionTime ?? c.lastUpdateTime ?? ''),
  }));
  return {
    kind,
    namespace,
    name,
    yaml: stringify({ ...obj, metadata }),
    conditions,
    events: (events.items ?? []).map(eventSummary).sort((a, b) => a.last.localeCompare(b.last)),
    containers: resource === 'pods' ? podContainers(obj as V1Pod) : [],
  };
}
