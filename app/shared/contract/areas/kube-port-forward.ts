// kube.portForward.* : forwarding a local port to a pod's or a service's port, as kubectl
// port-forward does. The listener is on 127.0.0.1 only; each TCP connection to it opens its own
// port-forward stream to the pod. Names and port ranges are checked here, before anything listens
// or any request reaches a cluster.
import { z } from 'zod';
import { request, subscription } from '../define';
import { kubeContextName, kubeNamespace, kubeObjectName } from './kube';

export const KUBE_FORWARD_KINDS = ['pod', 'service', 'deployment'] as const;
export type KubeForwardKind = (typeof KUBE_FORWARD_KINDS)[number];

/** The only address a forward listens on: never every interface. */
export const FORWARD_HOST = '127.0.0.1';

/** One active forward. */
export interface KubePortForwardDto {
  id: string;
  context: string;
  namespace: string;
  kind: KubeForwardKind;
  name: string;
  /** The port asked for: the service's port, or the pod's (a deployment's: its pods' container port). */
  remotePort: number;
  /**
   * The pod new connections reach now: the pod itself, or the service's (deployment's) chosen pod —
   * chosen again when that pod is gone, so it changes as their pods are replaced.
   */
  pod: string;
  /** The port in that pod (a service port's targetPort, looked up again with the pod). */
  podPort: number;
  host: typeof FORWARD_HOST;
  localPort: number;
  /** TCP connections open now, and accepted since the forward started. */
  open: number;
  accepted: number;
  /** The last connection's failure, as a sentence, and when (RFC 3339). */
  lastError?: { message: string; at: string };
}

/** A TCP port an object offers for forwarding. */
export interface KubeForwardPort {
  port: number;
  /** The port's name ('' when unnamed). */
  name: string;
  /** e.g. "http 80 → 8080/TCP", "metrics 9090/TCP (container app)". */
  label: string;
}

const port = (what: string) =>
  z
    .number({ message: `The ${what} is a number.` })
    .int(`The ${what} is a whole number.`)
    .min(1, `The ${what} is from 1 to 65535.`)
    .max(65_535, `The ${what} is from 1 to 65535.`);

const forwardObject = {
  context: kubeContextName.optional(),
  namespace: kubeNamespace,
  kind: z.enum(KUBE_FORWARD_KINDS, { message: 'Only a pod, a service or a deployment can be port-forwarded.' }),
  name: kubeObjectName,
};

export const kubeForwardStartArgs = z.strictObject({
  ...forwardObject,
  /** The service's port, or the pod's. */
  remotePort: port('remote port'),
  /** 0 = any free port. */
  localPort: z
    .number({ message: 'The local port is a number.' })
    .int('The local port is a whole number.')
    .min(0, 'The local port is from 1 to 65535, or 0 for any free port.')
    .max(65_535, 'The local port is from 1 to 65535, or 0 for any free port.')
    .default(0),
});

export const kubeForwardId = z.string().regex(/^pf-[0-9]{1,9}$/, 'That is not the id of a port-forward.');

const none = z.strictObject({});

export const kubePortForwardRequests = {
  /**
   * Listens on 127.0.0.1:localPort and forwards each connection to the pod (a service's or a
   * deployment's: one ready pod, chosen again when it is gone). Cancelling the request while it starts cancels the start: nothing listens (a cancel that crosses the answer finds the forward started; the dialog then stops it).
   */
  'kube.portForward.start': request<KubePortForwardDto>()(kubeForwardStartArgs),
  /** Closes a forward's listener and its open connections. */
  'kube.portForward.stop': request<void>()(z.strictObject({ id: kubeForwardId })),
  /** The active forwards. */
  'kube.portForward.list': request<KubePortForwardDto[]>()(none),
  /** The TCP ports a pod's containers or a service declare (what the dialog offers). */
  'kube.portForward.ports': request<KubeForwardPort[]>()(z.strictObject(forwardObject)),
};

export const kubePortForwardSubscriptions = {
  /**
   * The active forwards: each item is the whole list, the first the current one, then the newest
   * after changes. Latest-only: a view slow to take them gets the newest list, not every one.
   */
  'kube.portForwards': subscription<KubePortForwardDto[]>()(none),
};
