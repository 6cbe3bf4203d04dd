// kube.* requests and subscriptions: the user's clusters (kubeconfig contexts), namespaces, watched
// lists of workloads, services and events, describe, pod logs, apply, delete, scale, rollout restart
// and cron job actions. Names are checked here, before any request
// reaches a cluster.
import { z } from 'zod';
import { request, subscription } from '../define';
import type { LogLine } from '../dto';
import { execInput, type ExecItem } from '../exec-input';
import {
  KUBE_DELETABLE,
  KUBE_RESOURCES,
  KUBE_RESTARTABLE,
  KUBE_ROLLOUT,
  KUBE_SCALABLE,
  type KubeDescribed,
  type KubeRow,
  type KubeWatchItem,
} from './kube-rows';

import { KUBE_WITH_MEMBERS, type KubeSetMembers } from './kube-members';

export * from './kube-rows';
export * from './kube-members';

const none = z.strictObject({});

/** A context name: kubeconfig allows nearly anything (e.g. arn:aws:eks:…/name, gke_project_zone_name). */
export const kubeContextName = z
  .string()
  .min(1, 'Choose a context.')
  .max(253, 'A context name is at most 253 characters.')
  .refine((s) => [...s].every((c) => c.charCodeAt(0) >= 32), 'A context name has no control characters.');

/** DNS-1123 label: namespaces. */
export const kubeNamespace = z
  .string()
  .max(63, 'A namespace name is at most 63 characters.')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'A namespace name is lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
  );

/** DNS-1123 subdomain: pod and deployment names. */
export const kubeObjectName = z
  .string()
  .max(253, 'A Kubernetes object name is at most 253 characters.')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'A Kubernetes object name is lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.',
  );

/** A container name inside a pod (DNS-1123 label). */
export const kubeContainerName = kubeNamespace;

export interface KubeContextDto {
  name: string;
  cluster: string;
  user: string;
  /** The context's default namespace ('' = default). */
  namespace: string;
  server: string;
}

export interface KubeContextsDto {
  /** The kubeconfig files read, in kubectl's order. */
  files: string[];
  contexts: KubeContextDto[];
  /** current-context as the files say. */
  fileCurrent: string;
  /** The context Berth shows ('' when there is none). */
  active: string;
}

export type KubeReachDto =
  | { context: string; reachable: true; version: string }
  | { context: string; reachable: false; message: string; kind: string };

/** One object of an apply: what happened (or, in a dry run, would happen) and the line diff. */
export interface KubeApplied {
  kind: string;
  namespace: string;
  name: string;
  action: 'created' | 'configured' | 'unchanged';
  /** "  " same, "- " removed, "+ " added, one line each ('' when unchanged). */
  diff: string;
}

/**
 * One revision of a workload (kubectl rollout history): a replica set a deployment keeps, or a
 * controller revision a stateful or daemon set keeps.
 */
export interface KubeRevision {
  revision: number;
  /** The replica set (deployments) or controller revision (stateful and daemon sets) that keeps it. */
  keptBy: string;
  /** RFC 3339 ('' when unknown). */
  created: string;
  /** The kubernetes.io/change-cause annotation ('' when none). */
  changeCause: string;
  /** "container: image", one per container of the revision's pod template. */
  images: string[];
  /** Pods on this revision now (null when the API does not say: a daemon set's older revisions). */
  replicas: number | null;
  /** Its pod template is the workload's own now. */
  current: boolean;
}

/** kubectl rollout status and history of a deployment, stateful set or daemon set. */
export interface KubeRolloutHistory {
  /** kubectl rollout status's sentence. */
  status: string;
  done: boolean;
  /** The rollout exceeded its progress deadline. */
  failed: boolean;
  /** Newest first. */
  revisions: KubeRevision[];
}

export interface KubeRolloutUndone {
  /** False when the workload already runs that revision's template (nothing was changed). */
  rolledBack: boolean;
  revision: number;
  message: string;
}

/** Workloads whose pods a selector names: their logs can be read merged. */
export const KUBE_WITH_PODS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs'] as const;
export type KubeWorkloadWithPods = (typeof KUBE_WITH_PODS)[number];

/** The pods a workload's selector matches now. */
export interface KubeWorkloadPods {
  /** The selector as the API takes it, e.g. "app=web". */
  selector: string;
  pods: { name: string; containers: string[] }[];
}

/** A line of several pods' merged logs, tagged with where it came from. */
export interface KubeLogLine extends LogLine {
  pod: string;
  /** '' when the pod's default container was read. */
  container: string;
}

const inContext = { context: kubeContextName.optional() };
/** Absent namespace = all namespaces. */
const watchArgs = z.strictObject({
  ...inContext,
  namespace: kubeNamespace.optional(),
  resource: z.enum(KUBE_RESOURCES, { message: 'Berth does not watch that kind of Kubernetes object.' }),
});
const objectRef = { ...inContext, namespace: kubeNamespace, name: kubeObjectName };
const ofResource = <R extends readonly [string, ...string[]]>(kinds: R, what: string) =>
  z.enum(kinds, { message: `Only ${kinds.join(', ')} can be ${what}.` });

export const kubeApplyArgs = z.strictObject({
  ...inContext,
  /** One or more YAML documents. */
  yaml: z
    .string()
    .min(1, 'Paste or open some YAML first.')
    .max(1024 * 1024, 'Berth applies at most 1 MiB of YAML at once.'),
  /** Namespace for objects that name none. */
  namespace: kubeNamespace.optional(),
  /** Only compute the result (server-side dry run) and the diff. */
  dryRun: z.boolean().default(true),
  /** Take over fields another field manager owns. */
  force: z.boolean().default(false),
});

export const kubeRequests = {
  /** The kubeconfig's contexts (read again on each call, as kubectl reads it). */
  'kube.contexts': request<KubeContextsDto>()(none),
  /** Shows another context; `persist` also writes it as the kubeconfig's current-context (as kubectl use-context). */
  'kube.useContext': request<KubeContextsDto>()(
    z.strictObject({ name: kubeContextName, persist: z.boolean().default(false) }),
  ),
  /** Whether a context's API server answers with its credentials, with the reason when not. */
  'kube.reach': request<KubeReachDto>()(z.strictObject({ context: kubeContextName })),
  'kube.namespaces': request<string[]>()(z.strictObject(inContext)),
  /** Server-side apply with field manager "berth"; a dry run first shows the diff. */
  'kube.apply': request<KubeApplied[]>()(kubeApplyArgs),
  /** Deletes an object (controllers with background propagation, as kubectl delete). */
  'kube.delete': request<void>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_DELETABLE, 'deleted from Berth') }),
  ),
  /** Sets the replicas of a scalable object through its scale subresource (as kubectl scale). */
  'kube.scale': request<{ replicas: number }>()(
    z.strictObject({
      ...objectRef,
      resource: ofResource(KUBE_SCALABLE, 'scaled'),
      replicas: z
        .number()
        .int('Replicas is a whole number.')
        .min(0, 'Replicas is 0 or more.')
        .max(10_000, 'Berth scales to at most 10 000 replicas.'),
    }),
  ),
  /** Replaces the pods of a controller one by one (as kubectl rollout restart). */
  'kube.restart': request<void>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_RESTARTABLE, 'restarted') }),
  ),
  /** A workload's rollout status and the revisions it keeps (kubectl rollout status and history). */
  'kube.rollout.history': request<KubeRolloutHistory>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_ROLLOUT, 'rolled out or rolled back') }),
  ),
  /** Puts a revision's pod template back (kubectl rollout undo); revision 0 = the one before the current. */
  'kube.rollout.undo': request<KubeRolloutUndone>()(
    z.strictObject({
      ...objectRef,
      resource: ofResource(KUBE_ROLLOUT, 'rolled out or rolled back'),
      revision: z
        .number()
        .int('A revision is a whole number.')
        .min(0, 'A revision is 1 or more (0 = the one before the current).')
        .max(2 ** 53 - 1),
    }),
  ),
  /** Suspends or resumes a cron job's schedule. */
  'kube.cronjobs.suspend': request<void>()(z.strictObject({ ...objectRef, suspend: z.boolean() })),
  /** Starts a job from a cron job now (as kubectl create job --from=cronjob/…); returns the job's name. */
  'kube.cronjobs.trigger': request<{ job: string }>()(z.strictObject(objectRef)),
  /** The pods a workload's selector matches now (kubectl get pods -l SELECTOR). */
  'kube.workloadPods': request<KubeWorkloadPods>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_WITH_PODS, 'read as a set of pods') }),
  ),
  /** A stateful set's pods by ordinal with their volume claims, or a daemon set's nodes with its pod on each. */
  'kube.members': request<KubeSetMembers>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_WITH_MEMBERS, 'listed by member') }),
  ),
  /** Runs a job again as a new job NAME-retry-<time> with the same spec (the old one is kept); returns its name. */
  'kube.jobs.retry': request<{ job: string }>()(z.strictObject(objectRef)),
  /** Conditions, events, containers and the YAML of one object (as kubectl describe and get -o yaml). */
  'kube.describe': request<KubeDescribed>()(
    z.strictObject({ ...objectRef, resource: ofResource(KUBE_DELETABLE, 'described') }),
  ),
};

export const kubeSubscriptions = {
  /**
   * One resource of one namespace or all, watched: listed, then changes from its resourceVersion;
   * listed again after a 410. Rows are the shape KubeRows names for the resource.
   */
  'kube.watch': subscription<KubeWatchItem<KubeRow>>()(watchArgs),
  /** One container's log. Kubernetes does not separate stdout and stderr: every line is stdout. */
  'kube.logs': subscription<LogLine>()(
    z.strictObject({
      ...inContext,
      namespace: kubeNamespace,
      pod: kubeObjectName,
      container: kubeContainerName.optional(),
      follow: z.boolean().default(true),
      tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(1000),
      previous: z.boolean().default(false),
    }),
  ),
  /**
   * Several pods' logs in one stream (kubectl logs -l … --prefix): history interleaved by time (at
   * most 200 000 lines in all, split evenly across the pods), then live lines through a short
   * reorder window; each line names its pod. A pod whose log cannot be read gets a stderr line
   * saying why; when none can be read the stream ends with the first reason.
   */
  'kube.mergedLogs': subscription<KubeLogLine>()(
    z.strictObject({
      ...inContext,
      namespace: kubeNamespace,
      pods: z
        .array(z.strictObject({ pod: kubeObjectName, container: kubeContainerName.optional() }))
        .min(1, 'Choose at least one pod.')
        .max(50, 'Berth merges the logs of at most 50 pods at once.')
        .refine(
          (ps) => new Set(ps.map((p) => `${p.pod}/${p.container ?? ''}`)).size === ps.length,
          'Each pod and container is named once.',
        ),
      follow: z.boolean().default(true),
      tail: z.union([z.number().int().min(0).max(100_000), z.literal('all')]).default(1000),
    }),
  ),
  /**
   * A terminal in a pod's container (kubectl exec -it), the same terminal a container's exec is:
   * `started`, output bytes, `exit` with the code the status channel gave. Without `container` the
   * pod's default container; without `shell` bash when the container has it, else sh.
   */
  'kube.exec': subscription<ExecItem>()(
    z.strictObject({
      ...inContext,
      namespace: kubeNamespace,
      pod: kubeObjectName,
      container: kubeContainerName.optional(),
      shell: z
        .string()
        .max(256, 'A shell path is at most 256 characters.')
        .regex(/^\/[^\s]*$/, 'A shell is an absolute path without spaces, e.g. /bin/sh.')
        .optional(),
      cols: z.number().int().min(1).max(1000).default(80),
      rows: z.number().int().min(1).max(1000).default(24),
    }),
    execInput,
  ),
};
