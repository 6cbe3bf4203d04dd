// Running a finished job again (Kubernetes has no "retry"): a new job with the old one's spec,
// without what the job controller generated for the old one.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from './request';
import { resourcePath } from './resources';

/** Labels and annotations the job controller writes for one job; a copy must not carry them. */
const JOB_OWN_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

interface JobObject {
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: object[];
  };
  spec?: {
    selector?: object;
    manualSelector?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } };
    [k: string]: unknown;
  };
}

const withoutKeys = (o: Record<string, string> | undefined, keys: string[]) =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => !keys.includes(k)));

/**
 * Runs a job again: a new job NAME-retry-<time> with the same spec and owner, without what the job
 * controller generated for the old one (its selector and controller-uid/job-name labels), so the
 * controller makes them anew. The finished job stays as it is (nothing is deleted).
 */
export async function retryJob(
  kc: KubeConfig,
  namespace: string,
  name: string,
  now = Date.now(),
): Promise<{ job: string }> {
  const old = await kubeJson<JobObject>(kc, { path: resourcePath('jobs', namespace, name) });
  const suffix = `-retry-${Math.floor(now / 1000).toString(36)}`;
  const job = `${name.slice(0, 63 - suffix.length).replace(/[-.]+$/, '')}${suffix}`;
  const { selector, manualSelector, template, ...spec } = old.spec ?? {};
  const keepSelector = manualSelector === true;
  const created = await kubeJson<{ metadata?: { name?: string } }>(kc, {
    method: 'POST',
    path: resourcePath('jobs', namespace),
    body: JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: job,
        namespace,
        labels: withoutKeys(old.metadata?.labels, JOB_OWN_LABELS),
        annotations: { ...(old.metadata?.annotations ?? {}), 'berth.dev/retry-of': name },
        ...(old.metadata?.ownerReferences ? { ownerReferences: old.metadata.ownerReferences } : {}),
      },
      spec: {
        ...spec,
        ...(keepSelector ? { selector, manualSelector } : {}),
        template: {
          ...template,
          metadata: {
            ...template?.metadata,
            labels: keepSelector
              ? (template?.metadata?.labels ?? {})
              : withoutKeys(template?.metadata?.labels, JOB_OWN_LABELS),
          },
        },
      },
    }),
  });
  return { job: created.metadata?.name ?? job };
}
