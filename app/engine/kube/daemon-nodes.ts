// Which nodes a daemon set's pods belong on, decided as the DaemonSet controller decides it
// (pkg/controller/daemon: NodeShouldRunDaemonPod and its predicates): the template's nodeName, its
// nodeSelector and required node affinity must match the node, and the node's NoSchedule and
// NoExecute taints must be tolerated by the template's tolerations plus those the controller adds to
// every daemon pod (not-ready and unreachable NoExecute; disk, memory and PID pressure and
// unschedulable NoSchedule; network-unavailable for host-network pods). So a cordoned node still
// gets its daemon pods. A pod already on a node whose only untolerated taints are NoSchedule keeps
// running there.
import type {
  V1NodeSelectorRequirement,
  V1NodeSelectorTerm,
  V1Node,
  V1PodSpec,
  V1Taint,
  V1Toleration,
} from '@kubernetes/client-node';

export interface NodeVerdict {
  /** The controller would create a daemon pod here. */
  shouldRun: boolean;
  /** A daemon pod already here may stay (only NoSchedule taints are not tolerated). */
  mayContinue: boolean;
  /** Why not (or what is notable), as a short phrase; '' when nothing. */
  reason: string;
}

const exists = (key: string, effect: string): V1Toleration => ({ key, operator: 'Exists', effect });

/** The tolerations the controller adds to every daemon pod (AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(spec: V1PodSpec | undefined): V1Toleration[] {
  return [
    ...(spec?.tolerations ?? []),
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(spec?.hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** A toleration tolerates a taint (core/v1 Toleration.ToleratesTaint). */
export function tolerates(t: V1Toleration, taint: V1Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

const taintText = (t: V1Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** A node selector requirement against a node's labels (or, for matchFields, its name). */
function requirementMatches(r: V1NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const have = Number(value);
      const want = Number(values[0]);
      if (value === undefined || !Number.isInteger(have) || !Number.isInteger(want)) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

function termMatches(term: V1NodeSelectorTerm, node: V1Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // A term with no requirements matches no node.
  if (exprs.length === 0 && fields.length === 0) return false;
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata?.name : undefined))
  );
}

/** The template's nodeSelector and required node affinity (GetRequiredNodeAffinity), or why not. */
function affinityMismatch(spec: V1PodSpec | undefined, node: V1Node): string {
  const labels = node.metadata?.labels ?? {};
  const off = Object.entries(spec?.nodeSelector ?? {}).filter(([k, v]) => labels[k] !== v);
  if (off.length) return `node selector ${off.map(([k, v]) => `${k}=${v}`).join(',')} does not match`;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, node))) return 'required node affinity does not match';
  return '';
}

/** Whether a daemon set's template belongs on a node (NodeShouldRunDaemonPod). */
export function nodeVerdict(spec: V1PodSpec | undefined, node: V1Node): NodeVerdict {
  const name = node.metadata?.name ?? '';
  if (spec?.nodeName && spec.nodeName !== name)
    return { shouldRun: false, mayContinue: false, reason: `the template names node ${spec.nodeName}` };
  const mismatch = affinityMismatch(spec, node);
  if (mismatch) return { shouldRun: false, mayContinue: false, reason: mismatch };
  const tolerations = daemonTolerations(spec);
  const untolerated = (node.spec?.taints ?? []).filter(
    (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)),
  );
  if (untolerated.length) {
    const noExecute = untolerated.some((t) => t.effect === 'NoExecute');
    return {
      shouldRun: false,
      mayContinue: !noExecute,
      reason: `taint ${untolerated.map(taintText).join(', ')} not tolerated`,
    };
  }
  return {
    shouldRun: true,
    mayContinue: true,
    reason: node.spec?.unschedulable ? 'cordoned; daemon pods still run here' : '',
  };
}
