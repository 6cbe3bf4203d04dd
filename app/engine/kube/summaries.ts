// Kubernetes objects as the rows Berth shows, computed as kubectl get computes its columns.
import type {
  CoreV1Event,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Endpoints,
  V1Job,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
  V2MetricSpec,
  V2MetricStatus,
} from '@kubernetes/client-node';
import type {
  KubeCronJob,
  KubeDaemonSet,
  KubeDeployment,
  KubeEndpoints,
  KubeEvent,
  KubeHpa,
  KubeJob,
  KubePod,
  KubeReplicaSet,
  KubeService,
  KubeStatefulSet,
} from '../../shared/contract/areas/kube';

export function toIso(t: Date | string | undefined | null): string {
  if (!t) return '';
  return typeof t === 'string' ? t : t.toISOString();
}

const base = (m: V1ObjectMeta | undefined) => ({
  namespace: m?.namespace ?? '',
  name: m?.name ?? '',
  created: toIso(m?.creationTimestamp),
});

/** The controller that owns an object, as Kind/name ('' when none). */
function ownerOf(m: V1ObjectMeta | undefined): string {
  const owner = m?.ownerReferences?.find((o) => o.controller) ?? m?.ownerReferences?.[0];
  return owner ? `${owner.kind}/${owner.name}` : '';
}

const pairs = (o: Record<string, string> | undefined) =>
  Object.entries(o ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

export function podSummary(p: V1Pod): KubePod {
  const statuses = p.status?.containerStatuses ?? [];
  return {
    ...base(p.metadata),
    phase: p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
    readyContainers: statuses.filter((s) => s.ready).length,
    containers: (p.spec?.containers ?? []).map((c) => c.name),
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    node: p.spec?.nodeName ?? '',
    ip: p.status?.podIP ?? '',
    owner: ownerOf(p.metadata),
  };
}

export function deploymentSummary(d: V1Deployment): KubeDeployment {
  return {
    ...base(d.metadata),
    desired: d.spec?.replicas ?? 1,
    ready: d.status?.readyReplicas ?? 0,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
  };
}

export function statefulSetSummary(s: V1StatefulSet): KubeStatefulSet {
  return {
    ...base(s.metadata),
    desired: s.spec?.replicas ?? 1,
    ready: s.status?.readyReplicas ?? 0,
    upToDate: s.status?.updatedReplicas ?? 0,
    service: s.spec?.serviceName ?? '',
    claims: (s.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name ?? '').filter(Boolean),
  };
}

export function daemonSetSummary(d: V1DaemonSet): KubeDaemonSet {
  return {
    ...base(d.metadata),
    desired: d.status?.desiredNumberScheduled ?? 0,
    current: d.status?.currentNumberScheduled ?? 0,
    ready: d.status?.numberReady ?? 0,
    upToDate: d.status?.updatedNumberScheduled ?? 0,
    available: d.status?.numberAvailable ?? 0,
    nodeSelector: pairs(d.spec?.template?.spec?.nodeSelector),
  };
}

export function replicaSetSummary(r: V1ReplicaSet): KubeReplicaSet {
  return {
    ...base(r.metadata),
    desired: r.spec?.replicas ?? 1,
    current: r.status?.replicas ?? 0,
    ready: r.status?.readyReplicas ?? 0,
    owner: ownerOf(r.metadata),
  };
}

export function jobSummary(j: V1Job, now = Date.now()): KubeJob {
  const cond = (type: string) => j.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  const start = j.status?.startTime ? Date.parse(toIso(j.status.startTime)) : NaN;
  const end = j.status?.completionTime ? Date.parse(toIso(j.status.completionTime)) : now;
  return {
    ...base(j.metadata),
    succeeded: j.status?.succeeded ?? 0,
    completions: j.spec?.completions ?? 1,
    active: j.status?.active ?? 0,
    failed: j.status?.failed ?? 0,
    status: cond('Complete')
      ? 'Complete'
      : cond('Failed')
        ? 'Failed'
        : j.spec?.suspend
          ? 'Suspended'
          : (j.status?.active ?? 0) > 0
            ? 'Running'
            : 'Pending',
    durationSeconds: Number.isNaN(start) ? -1 : Math.max(0, Math.round((end - start) / 1000)),
    owner: ownerOf(j.metadata),
  };
}

export function cronJobSummary(c: V1CronJob): KubeCronJob {
  return {
    ...base(c.metadata),
    schedule: c.spec?.schedule ?? '',
    suspend: c.spec?.suspend ?? false,
    active: c.status?.active?.length ?? 0,
    lastSchedule: toIso(c.status?.lastScheduleTime),
    lastSuccess: toIso(c.status?.lastSuccessfulTime),
  };
}

export function serviceSummary(s: V1Service): KubeService {
  const type = s.spec?.type ?? 'ClusterIP';
  const external =
    type === 'ExternalName'
      ? (s.spec?.externalName ?? '')
      : [
          ...(s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? ''),
          ...(s.spec?.externalIPs ?? []),
        ]
          .filter(Boolean)
          .join(',');
  return {
    ...base(s.metadata),
    type,
    clusterIP: s.spec?.clusterIP ?? '',
    externalIP: external,
    ports: (s.spec?.ports ?? []).map((p) => {
      const proto = p.protocol ?? 'TCP';
      const target = p.targetPort !== undefined && String(p.targetPort) !== String(p.port) ? `→${p.targetPort}` : '';
      return `${p.name ? `${p.name} ` : ''}${p.port}${p.nodePort ? `:${p.nodePort}` : ''}${target}/${proto}`;
    }),
    selector: pairs(s.spec?.selector),
  };
}

export function endpointsSummary(e: V1Endpoints): KubeEndpoints {
  const ready: string[] = [];
  let notReady = 0;
  for (const sub of e.subsets ?? []) {
    const ports = sub.ports?.length ? sub.ports.map((p) => p.port) : [undefined];
    for (const a of sub.addresses ?? []) for (const p of ports) ready.push(p === undefined ? a.ip : `${a.ip}:${p}`);
    notReady += (sub.notReadyAddresses?.length ?? 0) * ports.length;
  }
  return { ...base(e.metadata), ready, notReady };
}

function metricName(m: V2MetricSpec | V2MetricStatus): string {
  if (m.resource) return m.resource.name;
  if (m.containerResource) return `${m.containerResource.container}/${m.containerResource.name}`;
  if (m.pods) return m.pods.metric.name;
  if (m.object) return m.object.metric.name;
  if (m.external) return m.external.metric.name;
  return m.type;
}

type Target = { averageUtilization?: number; averageValue?: string; value?: string };
const quantity = (t: Target | undefined) =>
  t?.averageUtilization !== undefined ? `${t.averageUtilization}%` : (t?.averageValue ?? t?.value ?? '<unknown>');

export function hpaSummary(h: V2HorizontalPodAutoscaler): KubeHpa {
  const current = h.status?.currentMetrics ?? [];
  return {
    ...base(h.metadata),
    target: `${h.spec?.scaleTargetRef.kind ?? ''}/${h.spec?.scaleTargetRef.name ?? ''}`,
    metrics: (h.spec?.metrics ?? []).map((m) => {
      const name = metricName(m);
      const want =
        m.resource?.target ?? m.containerResource?.target ?? m.pods?.target ?? m.object?.target ?? m.external?.target;
      const have = current.find((c) => c.type === m.type && metricName(c) === name);
      const now =
        have?.resource?.current ??
        have?.containerResource?.current ??
        have?.pods?.current ??
        have?.object?.current ??
        have?.external?.current;
      return `${name} ${now ? quantity(now) : '<unknown>'}/${quantity(want)}`;
    }),
    min: h.spec?.minReplicas ?? 1,
    max: h.spec?.maxReplicas ?? 0,
    current: h.status?.currentReplicas ?? 0,
    desired: h.status?.desiredReplicas ?? 0,
  };
}

export function eventSummary(e: CoreV1Event): KubeEvent {
  return {
    ...base(e.metadata),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
    message: (e.message ?? '').trim(),
    count: e.count ?? e.series?.count ?? 1,
    last: toIso(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp),
  };
}
