// The Kubernetes facade: namespaces, any resource of RESOURCES as a watched list, pod logs, delete,
// scale, rollout restart and the cron job actions. Every function takes the context's client-node
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

interface CronJobObject {
  metadata?: { name?: string; uid?: string };
  spec?: { jobTemplate?: { metadata?: { labels?: object; annotations?: object }; spec?: object } };
}

/**
 * Starts a job from a cron job's template now, as kubectl create job --from=cronjob/NAME: named
 * NAME-manual-<time>, owned by the cron job (so it is cleaned up with it) and marked as manual.
 */
export async function triggerCronJob(
  kc: KubeConfig,
  namespace: string,
  name: string,
  now = Date.now(),
): Promise<{ job: string }> {
  const cron = await kubeJson<CronJobObject>(kc, { path: resourcePath('cronjobs', namespace, name) });
  const suffix = `-manual-${Math.floor(now / 1000).toString(36)}`;
  const job = `${name.slice(0, 63 - suffix.length).replace(/[-.]+$/, '')}${suffix}`;
  const template = cron.spec?.jobTemplate ?? {};
  const created = await kubeJson<{ metadata?: { name?: string } }>(kc, {
    method: 'POST',
    path: resourcePath('jobs', namespace),
    body: JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: job,
        namespace,
        labels: template.metadata?.labels ?? {},
        annotations: { ...(template.metadata?.annotations ?? {}), 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cron.metadata?.uid ?? '', controller: true },
        ],
      },
      spec: template.spec ?? {},
    }),
  });
  return { job: created.metadata?.name ?? job };
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
