// The Kubernetes facade: namespaces, any resource of RESOURCES as a watched list, pod logs, delete,
// scale, rollout restart and suspending cron jobs (jobs.ts starts jobs). Every function takes the context's client-node
// config; failures are BerthErrors with sentences.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeResource, KubeRows, KubeWatchItem } from '../../shared/contract/areas/kube';
import type { LogLine } from '../../shared/contract';
import { kubeJson, openKube, throwIfFailed } from './request';
import { RESOURCES, resourcePath } from './resources';
import { listWatch } from './watch';

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

/** A resource of a namespace, or of all namespaces when none is given, as a watched list of rows. */
export function watchResource<R extends KubeResource>(
  kc: KubeConfig,
  resource: R,
  namespace: string | undefined,
  signal: AbortSignal,
): AsyncGenerator<KubeWatchItem<KubeRows[R]>[]> {
  return listWatch<KubeRows[R]>(kc, { path: resourcePath(resource, namespace), map: RESOURCES[resource].map, signal });
}

/** Deletes an object; what it owns goes after it (background propagation, as kubectl delete). */
export async function deleteObject(kc: KubeConfig, resource: KubeResource, namespace: string, name: string) {
  await kubeJson(kc, {
    method: 'DELETE',
    path: resourcePath(resource, namespace, name),
    body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }),
  });
}

const mergePatch = (kc: KubeConfig, path: string, patch: object) =>
  kubeJson<Record<string, unknown>>(kc, {
    method: 'PATCH',
    path,
    body: JSON.stringify(patch),
    contentType: 'application/merge-patch+json',
  });

/** Sets the replicas through the scale subresource (as kubectl scale). */
export async function scaleObject(
  kc: KubeConfig,
  resource: 'deployments' | 'statefulsets' | 'replicasets',
  namespace: string,
  name: string,
  replicas: number,
): Promise<{ replicas: number }> {
  const scale = (await mergePatch(kc, `${resourcePath(resource, namespace, name)}/scale`, {
    spec: { replicas },
  })) as { spec?: { replicas?: number } };
  return { replicas: scale.spec?.replicas ?? replicas };
}

/**
 * A rollout restart as kubectl does it: a new restartedAt annotation on the pod template, so the
 * controller replaces its pods by its own update strategy.
 */
export async function restartObject(
  kc: KubeConfig,
  resource: 'deployments' | 'statefulsets' | 'daemonsets',
  namespace: string,
  name: string,
  now = new Date(),
): Promise<void> {
  await mergePatch(kc, resourcePath(resource, namespace, name), {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } },
  });
}

export async function suspendCronJob(kc: KubeConfig, namespace: string, name: string, suspend: boolean) {
  await mergePatch(kc, resourcePath('cronjobs', namespace, name), { spec: { suspend } });
}

export interface PodLogOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  tail: number | 'all';
  previous?: boolean;
  /** Only lines from this time on (RFC 3339, whole seconds). */
  sinceTime?: string;
  signal: AbortSignal;
}

/** A container's log as lines (with the server's timestamps), batched per chunk read. */
export async function* podLogs(kc: KubeConfig, o: PodLogOptions): AsyncGenerator<LogLine[]> {
  const res = await openKube(kc, {
    path: `${resourcePath('pods', o.namespace, o.pod)}/log`,
    query: {
      container: o.container,
      follow: o.follow ? 'true' : undefined,
      tailLines: o.tail === 'all' ? undefined : o.tail,
      previous: o.previous ? 'true' : undefined,
      sinceTime: o.sinceTime,
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
