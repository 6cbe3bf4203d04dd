// The Kubernetes facade: namespaces, pods and deployments (watched), pod logs, delete and scale.
// Every function takes the context's client-node config; failures are BerthErrors with sentences.
import type { KubeConfig, V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { KubeDeployment, KubePod, KubeWatchItem } from '../../shared/contract/areas/kube';
import type { LogLine } from '../../shared/contract';
import { kubeJson, openKube, throwIfFailed } from './request';
import { deploymentSummary, podSummary } from './summaries';
import { listWatch } from './watch';

const seg = encodeURIComponent;
const core = (ns: string | undefined, res: string) => (ns ? `/api/v1/namespaces/${seg(ns)}/${res}` : `/api/v1/${res}`);
const apps = (ns: string | undefined, res: string) =>
  ns ? `/apis/apps/v1/namespaces/${seg(ns)}/${res}` : `/apis/apps/v1/${res}`;

export async function listNamespaces(kc: KubeConfig, signal?: AbortSignal): Promise<string[]> {
  const list = await kubeJson<{ items?: { metadata?: { name?: string } }[] }>(kc, {
    path: '/api/v1/namespaces',
    ...(signal ? { signal } : {}),
  });
  return (list.items ?? [])
    .map((n) => n.metadata?.name ?? '')
    .filter(Boolean)
    .sort();
}

/** Pods of a namespace, or of all namespaces when none is given. */
export function watchPods(kc: KubeConfig, namespace: string | undefined, signal: AbortSignal) {
  return listWatch<KubePod>(kc, { path: core(namespace, 'pods'), map: (p: V1Pod) => podSummary(p), signal });
}

export function watchDeployments(
  kc: KubeConfig,
  namespace: string | undefined,
  signal: AbortSignal,
): AsyncGenerator<KubeWatchItem<KubeDeployment>[]> {
  return listWatch<KubeDeployment>(kc, {
    path: apps(namespace, 'deployments'),
    map: (d: V1Deployment) => deploymentSummary(d),
    signal,
  });
}

export async function deletePod(kc: KubeConfig, namespace: string, name: string): Promise<void> {
  await kubeJson(kc, { method: 'DELETE', path: `${core(namespace, 'pods')}/${seg(name)}` });
}

export async function deleteDeployment(kc: KubeConfig, namespace: string, name: string): Promise<void> {
  // Background propagation, as kubectl delete: the replica sets and pods are removed after it.
  await kubeJson(kc, {
    method: 'DELETE',
    path: `${apps(namespace, 'deployments')}/${seg(name)}`,
    body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }),
  });
}

/** Sets a deployment's replicas through its scale subresource (as kubectl scale). */
export async function scaleDeployment(
  kc: KubeConfig,
  namespace: string,
  name: string,
  replicas: number,
): Promise<{ replicas: number }> {
  const scale = await kubeJson<{ spec?: { replicas?: number } }>(kc, {
    method: 'PATCH',
    path: `${apps(namespace, 'deployments')}/${seg(name)}/scale`,
    body: JSON.stringify({ spec: { replicas } }),
    contentType: 'application/merge-patch+json',
  });
  return { replicas: scale.spec?.replicas ?? replicas };
}

export interface PodLogOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  tail: number | 'all';
  previous?: boolean;
  signal: AbortSignal;
}

/** A container's log as lines (with the server's timestamps), batched per chunk read. */
export async function* podLogs(kc: KubeConfig, o: PodLogOptions): AsyncGenerator<LogLine[]> {
  const res = await openKube(kc, {
    path: `${core(o.namespace, 'pods')}/${seg(o.pod)}/log`,
    query: {
      container: o.container,
      follow: o.follow ? 'true' : undefined,
      tailLines: o.tail === 'all' ? undefined : o.tail,
      previous: o.previous ? 'true' : undefined,
      timestamps: 'true',
    },
    signal: o.signal,
  });
  await throwIfFailed(kc, res);
  res.setEncoding('utf8');
  let buf = '';
  const line = (l: string): LogLine => {
    const sp = l.indexOf(' ');
    const ts = sp > 0 ? l.slice(0, sp) : '';
    return /^\d{4}-\d\d-\d\dT/.test(ts)
      ? { stream: 'stdout', ts, text: l.slice(sp + 1) }
      : { stream: 'stdout', text: l };
  };
  try {
    for await (const chunk of res as AsyncIterable<string>) {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      // A line longer than 1 MiB is cut there rather than held without bound.
      if (buf.length > 1024 * 1024) {
        lines.push(buf);
        buf = '';
      }
      if (lines.length) yield lines.map(line);
    }
    if (buf) yield [line(buf)];
  } catch (e) {
    if (!o.signal.aborted) throw e;
  } finally {
    res.destroy();
  }
}
