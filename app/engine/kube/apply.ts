// Apply YAML as `kubectl apply --server-side --field-manager=berth` does: every document is sent as
// an apply patch; with dryRun the server computes the result without storing it, and Berth shows the
// difference from what is there now. Invalid YAML is refused with its line and column before any
// request; a field another manager owns is a conflict with the server's sentence (force takes it over).
import type { KubeConfig } from '@kubernetes/client-node';
import { yaml } from '../util/yaml';
import type { KubeApplied } from '../../shared/contract/areas/kube';
import { BerthError } from '../../shared/errors';
import { kubeJson } from './request';
import { lineDiff } from './line-diff';

interface KindInfo {
  apiVersion: string;
  plural: string;
  namespaced: boolean;
}

/** The kinds Berth can apply (discovery of custom resources is not done yet). */
const KINDS: Record<string, KindInfo> = {
  Namespace: { apiVersion: 'v1', plural: 'namespaces', namespaced: false },
  Pod: { apiVersion: 'v1', plural: 'pods', namespaced: true },
  Service: { apiVersion: 'v1', plural: 'services', namespaced: true },
  ConfigMap: { apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  Secret: { apiVersion: 'v1', plural: 'secrets', namespaced: true },
  ServiceAccount: { apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true },
  PersistentVolumeClaim: { apiVersion: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true },
  Job: { apiVersion: 'batch/v1', plural: 'jobs', namespaced: true },
  CronJob: { apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', plural: 'horizontalpodautoscalers', namespaced: true },
};

interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}

const invalid = (message: string) => new BerthError({ kind: 'invalid', field: 'yaml', message });

/** The documents of `text`, checked: valid YAML, each an object with apiVersion, kind and a name. */
export function parseManifests(text: string): { doc: Manifest; line: number }[] {
  const docs = yaml().parseAllDocuments(text, { prettyErrors: true });
  if (!Array.isArray(docs)) throw invalid('The YAML has no documents.');
  const out: { doc: Manifest; line: number }[] = [];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) {
      const at = err.linePos?.[0];
      throw invalid(
        `The YAML is not valid at line ${at?.line ?? '?'}, column ${at?.col ?? '?'}: ${err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}. Fix it and try again.`,
      );
    }
    const value = d.toJS() as unknown;
    const line = d.contents ? text.slice(0, d.contents.range[0]).split('\n').length : 1;
    if (value === null || value === undefined) continue; // an empty document (e.g. after a trailing ---)
    if (typeof value !== 'object' || Array.isArray(value))
      throw invalid(`The document at line ${line} is not a Kubernetes object (a mapping with apiVersion and kind).`);
    const doc = value as Manifest;
    if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string')
      throw invalid(`The document at line ${line} has no apiVersion or kind.`);
    if (typeof doc.metadata?.name !== 'string' || !doc.metadata.name)
      throw invalid(`The ${doc.kind} at line ${line} has no metadata.name.`);
    out.push({ doc, line });
  }
  if (out.length === 0) throw invalid('The YAML has no Kubernetes objects in it.');
  return out;
}

/** What is compared in a diff: the object without the fields the server keeps for itself. */
function comparable(obj: Record<string, unknown> | undefined): string {
  if (!obj) return '';
  const { status: _s, ...rest } = obj;
  const meta = { ...(rest.metadata as Record<string, unknown>) };
  for (const k of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'])
    delete meta[k];
  // Keys sorted, so the order the server happens to send them in is no difference.
  return yaml().stringify({ ...rest, metadata: meta }, { sortMapEntries: true });
}

export async function applyManifests(
  kc: KubeConfig,
  text: string,
  opts: { defaultNamespace: string; dryRun: boolean; force: boolean; signal?: AbortSignal },
): Promise<KubeApplied[]> {
  const manifests = parseManifests(text);
  const plan = manifests.map(({ doc, line }) => {
    const info = KINDS[doc.kind as string];
    if (!info)
      throw invalid(`Berth cannot apply the kind ${String(doc.kind)} (line ${line}) yet; use kubectl apply for it.`);
    if (info.apiVersion !== doc.apiVersion)
      throw invalid(
        `The ${String(doc.kind)} at line ${line} says apiVersion ${String(doc.apiVersion)}; Berth applies it as ${info.apiVersion}.`,
      );
    const namespace = info.namespaced
      ? typeof doc.metadata?.namespace === 'string' && doc.metadata.namespace
        ? doc.metadata.namespace
        : opts.defaultNamespace
      : '';
    const base = `${info.apiVersion === 'v1' ? '/api/v1' : `/apis/${info.apiVersion}`}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${info.plural}`;
    const name = doc.metadata!.name as string;
    const body = { ...doc, metadata: { ...doc.metadata, ...(namespace ? { namespace } : {}) } };
    return { kind: doc.kind as string, namespace, name, path: `${base}/${encodeURIComponent(name)}`, body };
  });
  const results: KubeApplied[] = [];
  for (const p of plan) {
    const before = await kubeJson<Record<string, unknown>>(kc, {
      path: p.path,
      ...(opts.signal ? { signal: opts.signal } : {}),
    }).catch((e: unknown) => {
      if (e instanceof BerthError && e.kind === 'not-found') return undefined;
      throw e;
    });
    const after = await kubeJson<Record<string, unknown>>(kc, {
      method: 'PATCH',
      path: p.path,
      query: { fieldManager: 'berth', force: opts.force ? 'true' : undefined, dryRun: opts.dryRun ? 'All' : undefined },
      body: JSON.stringify(p.body),
      contentType: 'application/apply-patch+yaml',
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const [a, b] = [comparable(before), comparable(after)];
    results.push({
      kind: p.kind,
      namespace: p.namespace,
      name: p.name,
      action: !before ? 'created' : a === b ? 'unchanged' : 'configured',
      diff: before && a === b ? '' : lineDiff(a, b),
    });
  }
  return results;
}
