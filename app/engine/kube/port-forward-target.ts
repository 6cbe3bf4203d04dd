// What a port-forward connects to, resolved as kubectl port-forward resolves it: a pod and a port
// as given; a service's pod — one ready pod its selector matches (the one kubectl would log from:
// running, ready, fewest restarts, oldest) — and the service port's targetPort, a named one looked
// up among that pod's container ports; or a deployment's pod (its label selector) and the container
// port as given. Also the ports the dialog offers for an object.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeForwardPort, KubeForwardKind } from '../../shared/contract/areas/kube-port-forward';
import { BerthError } from '../../shared/errors';
import { kubeJson } from './request';
import { resourcePath } from './resources';
import { selectorQuery } from './selector';

interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}
export interface ForwardPod {
  metadata: { name: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec?: { containers?: { name: string; ports?: ContainerPort[] }[] };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { restartCount?: number }[];
  };
}
interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}
export interface ForwardService {
  metadata: { name: string };
  spec?: { type?: string; selector?: Record<string, string>; ports?: ServicePort[] };
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface ForwardDeployment {
  metadata: { name: string };
  spec?: {
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name: string; ports?: ContainerPort[] }[] } };
  };
}

export interface ForwardTarget {
  pod: string;
  podPort: number;
}

const restarts = (p: ForwardPod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
const isReady = (p: ForwardPod) =>
  p.status?.phase === 'Running' &&
  !p.metadata.deletionTimestamp &&
  (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** The pod a service forwards to: ready ones only; fewest restarts, then oldest, then by name. */
export function pickPod(pods: ForwardPod[]): ForwardPod | undefined {
  return pods
    .filter(isReady)
    .sort(
      (a, b) =>
        restarts(a) - restarts(b) ||
        Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    )[0];
}

/** The service port numbered `port`, checked as something port-forward can carry. */
export function servicePort(svc: ForwardService, port: number): ServicePort {
  const name = svc.metadata.name;
  if (svc.spec?.type === 'ExternalName')
    throw new BerthError({
      kind: 'invalid',
      message: `The service ${name} is of type ExternalName: it names a host outside the cluster and has no pods to forward to.`,
    });
  const ports = svc.spec?.ports ?? [];
  const p = ports.find((x) => x.port === port);
  if (!p)
    throw new BerthError({
      kind: 'invalid',
      field: 'remotePort',
      message: `The service ${name} has no port ${port}. Its ports are: ${ports.map((x) => x.port).join(', ') || 'none'}.`,
    });
  if ((p.protocol ?? 'TCP') !== 'TCP')
    throw new BerthError({
      kind: 'invalid',
      field: 'remotePort',
      message: `Port ${port} of service ${name} is ${p.protocol}: port-forward carries TCP only.`,
    });
  return p;
}

/** The pod's port a service port leads to (targetPort; a name is looked up in the pod's containers). */
export function targetPortOf(svc: ForwardService, p: ServicePort, pod: ForwardPod): number {
  const t = p.targetPort;
  if (t === undefined || t === 0 || t === '') return p.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.spec?.containers ?? [])
    for (const cp of c.ports ?? []) if (cp.name === t && (cp.protocol ?? 'TCP') === 'TCP') return cp.containerPort;
  throw new BerthError({
    kind: 'invalid',
    message: `Port ${p.port} of service ${svc.metadata.name} targets the port named “${t}”, which no container of pod ${pod.metadata.name} declares. Fix the service's targetPort or the pod's container ports.`,
  });
}

function notRunning(pod: ForwardPod): BerthError {
  return new BerthError({
    kind: 'conflict',
    message: `The pod ${pod.metadata.name} is not running (${pod.metadata.deletionTimestamp ? 'it is being deleted' : `phase ${pod.status?.phase ?? 'Unknown'}`}): only a running pod's ports can be forwarded.`,
  });
}

/** The pod and port a forward of a pod or a service connects to. */
export async function resolveForwardTarget(
  kc: KubeConfig,
  o: { namespace: string; kind: KubeForwardKind; name: string; port: number },
  signal?: AbortSignal,
): Promise<ForwardTarget> {
  const get = <T>(path: string, query?: Record<string, string>) =>
    kubeJson<T>(kc, { path, ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
  if (o.kind === 'pod') {
    const pod = await get<ForwardPod>(resourcePath('pods', o.namespace, o.name));
    if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) throw notRunning(pod);
    return { pod: o.name, podPort: o.port };
  }
  /** One ready pod the selector matches. */
  const readyPod = async (selector: string): Promise<ForwardPod> => {
    const pods = await get<{ items: ForwardPod[] }>(resourcePath('pods', o.namespace), { labelSelector: selector });
    const pod = pickPod(pods.items);
    if (!pod)
      throw new BerthError({
        kind: 'unavailable',
        message: `The ${o.kind} ${o.name} has no ready pod to forward to (its selector ${selector} matches ${pods.items.length} pod${pods.items.length === 1 ? '' : 's'}, none ready). Wait until one is ready, or check why they are not.`,
      });
    return pod;
  };
  if (o.kind === 'deployment') {
    // As kubectl: a deployment's port is the container port in its pod.
    const d = await get<ForwardDeployment>(resourcePath('deployments', o.namespace, o.name));
    const selector = selectorQuery(d.spec?.selector);
    if (!selector)
      throw new BerthError({
        kind: 'invalid',
        message: `The deployment ${o.name} has no selector, so it names no pods. Forward to a pod instead.`,
      });
    return { pod: (await readyPod(selector)).metadata.name, podPort: o.port };
  }
  const svc = await get<ForwardService>(resourcePath('services', o.namespace, o.name));
  const p = servicePort(svc, o.port);
  const selector = svc.spec?.selector ?? {};
  if (Object.keys(selector).length === 0)
    throw new BerthError({
      kind: 'invalid',
      message: `The service ${o.name} has no selector, so it names no pods (its endpoints are managed by hand). Forward to a pod instead.`,
    });
  const pod = await readyPod(selectorQuery({ matchLabels: selector }));
  return { pod: pod.metadata.name, podPort: targetPortOf(svc, p, pod) };
}

/** The TCP ports an object offers: a service's ports, or the container ports a pod (or a deployment's pods) declare. */
export async function forwardablePorts(
  kc: KubeConfig,
  o: { namespace: string; kind: KubeForwardKind; name: string },
  signal?: AbortSignal,
): Promise<KubeForwardPort[]> {
  const path = resourcePath(
    o.kind === 'pod' ? 'pods' : o.kind === 'service' ? 'services' : 'deployments',
    o.namespace,
    o.name,
  );
  if (o.kind === 'service') {
    const svc = await kubeJson<ForwardService>(kc, { path, ...(signal ? { signal } : {}) });
    return (svc.spec?.ports ?? [])
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
      .map((p) => ({
        port: p.port,
        name: p.name ?? '',
        label: `${p.name ? `${p.name} ` : ''}${p.port}${p.targetPort !== undefined && String(p.targetPort) !== String(p.port) ? ` → ${p.targetPort}` : ''}/TCP`,
      }));
  }
  const obj = await kubeJson<ForwardPod & ForwardDeployment>(kc, { path, ...(signal ? { signal } : {}) });
  // A pod's containers, or a deployment's pod template's.
  const containers = o.kind === 'pod' ? obj.spec?.containers : obj.spec?.template?.spec?.containers;
  const seen = new Set<number>();
  const out: KubeForwardPort[] = [];
  for (const c of containers ?? [])
    for (const cp of c.ports ?? []) {
      if ((cp.protocol ?? 'TCP') !== 'TCP' || seen.has(cp.containerPort)) continue;
      seen.add(cp.containerPort);
      out.push({
        port: cp.containerPort,
        name: cp.name ?? '',
        label: `${cp.name ? `${cp.name} ` : ''}${cp.containerPort}/TCP (container ${c.name})`,
      });
    }
  return out;
}
