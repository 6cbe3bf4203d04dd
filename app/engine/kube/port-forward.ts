// Port-forwards (kubectl port-forward): a listener on 127.0.0.1 only (never every interface) per
// forward, and for each TCP connection it accepts, its own pods/portforward stream to the API server
// (port-forward-connection.ts carries the bytes, with backpressure and half-close). A service's (or
// a deployment's) forward follows its pods: when the pod it reached is gone (the stream is refused, or the kubelet
// says the pod stopped), the next connection picks a ready pod again — kubectl does not, but Berth
// stays open all day; a pod's forward stays pinned to its pod. A connection's failure is recorded on
// its forward as a sentence. Stopping a forward (or closing them all when Berth quits) closes its
// listener and every connection, and cancels a forward still starting (resolving, binding).
import net from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  FORWARD_HOST,
  type KubeForwardKind,
  type KubePortForwardDto,
} from '../../shared/contract/areas/kube-port-forward';
import { Emitter, type Subscription } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { channelSocket } from './channel-socket';
import { carry, type Connection, type ConnectionStats, type FrameHandler } from './port-forward-connection';
import { PORT_FORWARD_PROTOCOLS } from './port-forward-protocol';
import { resolveForwardTarget, type ForwardTarget } from './port-forward-target';
import { resourcePath } from './resources';

export interface StartForward {
  context: string;
  namespace: string;
  kind: KubeForwardKind;
  name: string;
  remotePort: number;
  /** 0 = any free port. */
  localPort: number;
}

export interface PortForwardsOptions {
  /** How long a half-closed connection may stay quiet (default HALF_CLOSE_IDLE_MS). */
  halfCloseIdleMs?: number;
}

interface Forward {
  dto: KubePortForwardDto;
  kc: KubeConfig;
  server: net.Server;
  /** Every open connection. */
  open: Set<Connection>;
  /** Aborted when the forward stops (a re-resolution under way ends with it). */
  stopped: AbortController;
  /** A service's or deployment's forward: the pod it reached failed, so the next connection picks again. */
  stale: boolean;
  /** The re-resolution under way, shared by the connections that wait for it. */
  resolving?: Promise<ForwardTarget>;
}

/** A start cancelled by stop-all (Berth quits) or by its caller. */
function cancelledStart(o: StartForward): BerthError {
  return new BerthError({
    kind: 'unavailable',
    message: `The port-forward to ${o.kind} ${o.name}:${o.remotePort} was cancelled before it started listening (it was stopped, or Berth is quitting). Start it again if you still need it.`,
    detail: 'cancelled',
  });
}

/**
 * Listens on 127.0.0.1:port. An abort meanwhile is seen once the bind completes (the same turn for an
 * address): the listener is closed before the start is refused, so nothing is left listening.
 */
function listen(port: number, signal: AbortSignal, cancelled: () => BerthError): Promise<net.Server> {
  // Each connection stays paused until its stream to the pod is open.
  const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
  return new Promise<net.Server>((resolve, reject) => {
    server.once('error', (e) => reject(signal.aborted ? cancelled() : listenError(e, port)));
    server.listen({ host: FORWARD_HOST, port, exclusive: true }, () => {
      if (!signal.aborted) return resolve(server);
      server.close(() => reject(cancelled()));
    });
  });
}

function listenError(e: unknown, port: number): BerthError {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return new BerthError({
      kind: 'conflict',
      field: 'localPort',
      message: `Port ${port} on ${FORWARD_HOST} is already in use by another program. Choose another local port, or 0 for any free one.`,
    });
  if (code === 'EACCES')
    return new BerthError({
      kind: 'unauthorized',
      field: 'localPort',
      message: `Berth may not listen on port ${port} (ports below 1024 need administrator rights). Choose a port from 1024 up, or 0 for any free one.`,
    });
  return new BerthError({
    kind: 'internal',
    message: `Berth could not listen on ${FORWARD_HOST}:${port}: ${e instanceof Error ? e.message : String(e)}.`,
  });
}

/** A refused stream (the upgrade's Status, or the transport) as the sentence the forward shows. */
function refusedSentence(e: unknown, pod: string, kind: KubeForwardKind): string {
  if (e instanceof BerthError && e.kind === 'not-found' && kind === 'pod')
    return `Pod ${pod} is gone (${e.detail ?? 'not found'}). Stop this forward and start a new one to a running pod.`;
  if (e instanceof BerthError) return e.message;
  return `The port-forward stream to pod ${pod} failed: ${e instanceof Error ? e.message : String(e)}.`;
}

/** Opens one pods/portforward stream to `target`. */
function connectStream(
  kc: KubeConfig,
  namespace: string,
  target: ForwardTarget,
  onMessage: FrameHandler,
  signal: AbortSignal,
) {
  const path = `${resourcePath('pods', namespace, target.pod)}/portforward?ports=${target.podPort}`;
  return channelSocket(kc, { protocols: PORT_FORWARD_PROTOCOLS, signal }).connect(path, null, onMessage);
}

/** Port-forwards open at once in this process (each holds a listening port). */
export const MAX_FORWARDS = 32;

export class PortForwards {
  private readonly forwards = new Map<string, Forward>();
  /** Starts under way: stop-all aborts them and waits until they have given up. */
  private readonly starting = new Map<AbortController, Promise<unknown>>();
  private readonly changes = new Emitter<KubePortForwardDto[]>({ name: 'port-forwards' });
  private next = 1;
  private closed = false;

  constructor(private readonly o: PortForwardsOptions = {}) {}

  list(): KubePortForwardDto[] {
    return [...this.forwards.values()].map((f) => ({ ...f.dto }));
  }

  /** Each open connection of a forward: the pod it reaches and its buffers. */
  connections(id: string): ConnectionStats[] {
    return [...(this.forwards.get(id)?.open ?? [])].map((c) => c.stats());
  }

  onChange(listener: (list: KubePortForwardDto[]) => void): Subscription {
    return this.changes.on(listener);
  }

  private changed(): void {
    this.changes.emit(this.list());
  }

  /**
   * Resolves the pod and port (a service's ready pod and targetPort), then listens on 127.0.0.1.
   * Cancelled (nothing left listening, nothing listed) when `signal` fires or every forward stops.
   */
  async start(kc: KubeConfig, o: StartForward, signal?: AbortSignal): Promise<KubePortForwardDto> {
    if (this.closed) throw cancelledStart(o);
    if (this.forwards.size + this.starting.size >= MAX_FORWARDS)
      throw new BerthError({
        kind: 'conflict',
        message: `Berth keeps at most ${MAX_FORWARDS} port-forwards open at once. Stop one you no longer use, then start this one.`,
      });
    const own = new AbortController();
    const both = signal ? AbortSignal.any([signal, own.signal]) : own.signal;
    const opening = (async () => {
      const target = await resolveForwardTarget(
        kc,
        { namespace: o.namespace, kind: o.kind, name: o.name, port: o.remotePort },
        both,
      ).catch((e: unknown) => {
        throw both.aborted ? cancelledStart(o) : e;
      });
      if (both.aborted) throw cancelledStart(o);
      return { target, server: await listen(o.localPort, both, () => cancelledStart(o)) };
    })();
    this.starting.set(own, opening);
    let server: net.Server;
    let target: ForwardTarget;
    try {
      ({ server, target } = await opening);
    } finally {
      this.starting.delete(own);
    }
    // Stopped in the turn between the bind and here: nothing may stay listening.
    if (both.aborted || this.closed) {
      await new Promise((resolve) => server.close(resolve));
      throw cancelledStart(o);
    }
    const address = server.address() as net.AddressInfo;
    const id = `pf-${this.next++}`;
    const f: Forward = {
      kc,
      server,
      open: new Set(),
      stopped: new AbortController(),
      stale: false,
      dto: {
        id,
        context: o.context,
        namespace: o.namespace,
        kind: o.kind,
        name: o.name,
        remotePort: o.remotePort,
        pod: target.pod,
        podPort: target.podPort,
        host: FORWARD_HOST,
        localPort: address.port,
        open: 0,
        accepted: 0,
      },
    };
    server.on('error', () => undefined);
    server.on('connection', (sock) => this.accept(f, sock));
    this.forwards.set(id, f);
    this.changed();
    return { ...f.dto };
  }

  private accept(f: Forward, sock: net.Socket): void {
    f.dto.open++;
    f.dto.accepted++;
    const failed = (message: string) => {
      // A service's (deployment's) pod that failed may be gone: the next connection picks again.
      if (f.dto.kind !== 'pod') f.stale = true;
      f.dto.lastError = { message, at: new Date().toISOString() };
      this.changed();
    };
    const c = carry(sock, (handlerFor, signal) => this.openStream(f, handlerFor, signal), {
      ...(this.o.halfCloseIdleMs !== undefined ? { halfCloseIdleMs: this.o.halfCloseIdleMs } : {}),
      fail: failed,
      refused: (e) => failed(refusedSentence(e, f.dto.pod, f.dto.kind)),
      done: () => {
        f.open.delete(c);
        f.dto.open--;
        this.changed();
      },
    });
    f.open.add(c);
    this.changed();
  }

  /** The service's (deployment's) pod chosen again (once for every connection waiting), recorded on the forward. */
  private retarget(f: Forward): Promise<ForwardTarget> {
    const { namespace, kind, name, remotePort } = f.dto;
    f.resolving ??= resolveForwardTarget(f.kc, { namespace, kind, name, port: remotePort }, f.stopped.signal)
      .then((t) => {
        f.stale = false;
        if (t.pod !== f.dto.pod || t.podPort !== f.dto.podPort) {
          f.dto.pod = t.pod;
          f.dto.podPort = t.podPort;
          this.changed();
        }
        return t;
      })
      .finally(() => (f.resolving = undefined));
    return f.resolving;
  }

  /**
   * A connection's stream: to the forward's pod; for a service (deployment) whose pod failed, to the pod chosen
   * again; and when the pod refuses the stream (gone, not running), once more to a pod chosen again.
   */
  private async openStream(f: Forward, handlerFor: (t: ForwardTarget) => FrameHandler, signal: AbortSignal) {
    const service = f.dto.kind !== 'pod';
    const first = service && f.stale ? await this.retarget(f) : { pod: f.dto.pod, podPort: f.dto.podPort };
    const to = (t: ForwardTarget) => connectStream(f.kc, f.dto.namespace, t, handlerFor(t), signal);
    try {
      return { ws: await to(first), target: first };
    } catch (e) {
      if (!service || signal.aborted) throw e;
      let next: ForwardTarget;
      try {
        next = await this.retarget(f);
      } catch (again) {
        // The pod was gone and the service has no other: that is the sentence; else the refusal is.
        throw e instanceof BerthError && e.kind === 'not-found' ? again : e;
      }
      if (next.pod === first.pod && next.podPort === first.podPort) throw e;
      return { ws: await to(next), target: next };
    }
  }

  /** Closes a forward's listener and every connection it carries. */
  async stop(id: string): Promise<void> {
    const f = this.forwards.get(id);
    if (!f)
      throw new BerthError({
        kind: 'not-found',
        message: `There is no port-forward ${id} any more: it was stopped already. The list shows the active ones.`,
      });
    this.forwards.delete(id);
    f.stopped.abort();
    const closed = new Promise<void>((resolve) => f.server.close(() => resolve()));
    for (const c of [...f.open]) c.close();
    await closed;
    this.changed();
  }

  /** Stops every forward and cancels every start under way (Berth quits). */
  async closeAll(): Promise<void> {
    this.closed = true;
    const opening = [...this.starting].map(([s, started]) => (s.abort(), started.catch(() => undefined)));
    await Promise.all(opening);
    await Promise.all([...this.forwards.keys()].map((id) => this.stop(id)));
    this.changes.dispose();
  }
}
