// Jobs started from Berth: one from a cron job's template now (kubectl create job --from=cronjob/…),
// and a finished job run again (Kubernetes has no "retry"): a new job with the old one's spec,
// without what the job controller generated for the old one.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from './request';
import { resourcePath } from './resources';

/** NAME-<what>-<time>, cut so the whole stays a valid 63-character name. */
function jobName(name: string, what: string, now: number): string {
  const suffix = `-${what}-${Math.floor(now / 1000).toString(36)}`;
  return `${name.slice(0, 63 - suffix.length).replace(/[-.]+$/, '')}${suffix}`;
}

async function createJob(
  kc: KubeConfig,
  namespace: string,
  job: { metadata: { name: string; [k: string]: unknown }; spec: object },
) {
  const created = await kubeJson<{ metadata?: { name?: string } }>(kc, {
    method: 'POST',
    path: resourcePath('jobs', namespace),
    body: JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', ...job }),
  });
  return { job: created.metadata?.name ?? job.metadata.name };
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
  const job = jobName(name, 'manual', now);
  const template = cron.spec?.jobTemplate ?? {};
  return createJob(kc, namespace, {
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
  });
}

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
  const job = jobName(name, 'retry', now);
  const { selector, manualSelector, template, ...spec } = old.spec ?? {};
  const keepSelector = manualSelector === true;
  return createJob(kc, namespace, {
    metadata: {
      name: job,
      namespace,
      labels: withoutKeys(old.metadata?.labels, JOB_OWN_LABELS),
      annotations: {
        // The old job's applied configuration names the old job: not the new one's.
        ...withoutKeys(old.metadata?.annotations, ['kubectl.kubernetes.io/last-applied-configuration']),
        'berth.dev/retry-of': name,
      },
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
  });
}
