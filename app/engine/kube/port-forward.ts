// Port-forwards (kubectl port-forward): a listener on 127.0.0.1 only (never every interface) per
// forward, and for each TCP connection it accepts, its own pods/portforward stream to the API server
// (port-forward-protocol.ts). Bytes flow with backpressure both ways: the websocket is paused while
// the local client has not read what it got, and the client's socket is paused while the websocket
// holds more than it should. A connection's failure (RBAC, the pod gone, nothing listening in the
// pod) is recorded on its forward as a sentence; stopping a forward (or closing them all when Berth
// quits) closes its listener and every connection.
import net from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import {
  FORWARD_HOST,
  type KubeForwardKind,
  type KubePortForwardDto,
} from '../../shared/contract/areas/kube-port-forward';
import { Emitter, type Subscription } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { channelSocket } from './channel-socket';
import {
  ChannelStart,
  DATA_CHANNEL,
  ERROR_CHANNEL,
  PORT_FORWARD_PROTOCOLS,
  dataFrame,
  forwardErrorSentence,
} from './port-forward-protocol';
import { resolveForwardTarget } from './port-forward-target';
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

/** Bytes the websocket may hold unsent before the local client's socket is paused. */
const TO_POD_HIGH_WATER = 1024 * 1024;

interface Forward {
  dto: KubePortForwardDto;
  kc: KubeConfig;
  server: net.Server;
  /** Every open connection's close (its socket and its websocket). */
  open: Set<() => void>;
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
function refusedSentence(e: unknown, dto: KubePortForwardDto): string {
  if (e instanceof BerthError && e.kind === 'not-found')
    return `Pod ${dto.pod} is gone (${e.detail ?? 'not found'}). Stop this forward and start a new one${dto.kind === 'service' ? `: it picks another pod of service ${dto.name}` : ' to a running pod'}.`;
  if (e instanceof BerthError) return e.message;
  return `The port-forward stream to pod ${dto.pod} failed: ${e instanceof Error ? e.message : String(e)}.`;
}

/**
 * Carries one accepted TCP connection over its own port-forward stream. `fail` gets a sentence when
 * the stream is refused or the kubelet reports an error; `done` runs once everything is closed.
 */
function carry(f: Forward, sock: net.Socket, fail: (message: string) => void, done: () => void): () => void {
  const { dto, kc } = f;
  const ac = new AbortController();
  let ws: WebSocket | undefined;
  let finished = false;
  let errorText = '';
  const data = new ChannelStart(dto.podPort, 'data');
  const errors = new ChannelStart(dto.podPort, 'error');
  /** The client did not take what came: the websocket waits for its drain (even before `ws` is known). */
  let fromPodPaused = false;

  const close = () => {
    if (finished) return;
    finished = true;
    ac.abort();
    ws?.terminate();
    sock.destroy();
    done();
  };

  sock.setNoDelay(true);
  sock.on('error', () => close());
  sock.on('close', () => {
    if (ws && ws.readyState === ws.OPEN) ws.close(1000);
    close();
  });
  sock.on('drain', () => {
    fromPodPaused = false;
    ws?.resume();
  });

  const onMessage = (channel: number, buff: Buffer): boolean => {
    try {
      if (channel === DATA_CHANNEL) {
        const bytes = data.take(buff);
        if (bytes.length && !sock.destroyed && !sock.write(bytes)) {
          fromPodPaused = true;
          ws?.pause();
        }
      } else if (channel === ERROR_CHANNEL) {
        // What the error channel says is a sentence or two; a server that says more is cut at 4 KiB.
        if (errorText.length < 4096) errorText = (errorText + errors.take(buff).toString('utf8')).slice(0, 4096);
        else errors.take(buff);
      }
      return true;
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  const path = `${resourcePath('pods', dto.namespace, dto.pod)}/portforward?ports=${dto.podPort}`;
  channelSocket(kc, { protocols: PORT_FORWARD_PROTOCOLS, signal: ac.signal })
    .connect(path, null, onMessage)
    .then(
      (socket) => {
        ws = socket;
        if (finished) return void socket.terminate();
        if (fromPodPaused) socket.pause();
        socket.on('close', () => {
          if (errorText.trim()) fail(forwardErrorSentence(errorText, dto.pod, dto.podPort));
          // What the pod sent is flushed to the client before its socket ends.
          if (!sock.destroyed) sock.end(() => close());
          else close();
        });
        sock.on('data', (chunk: Buffer) => {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(dataFrame(chunk), () => {
            if (sock.isPaused() && socket.bufferedAmount < TO_POD_HIGH_WATER / 2) sock.resume();
          });
          if (socket.bufferedAmount >= TO_POD_HIGH_WATER) sock.pause();
        });
        // The client ended its side: v4 channels cannot carry a half-close, so the stream is closed
        // once what was sent has left (what the pod already sent still reaches the client).
        sock.on('end', () => {
          if (socket.readyState === socket.OPEN) socket.close(1000);
        });
        sock.resume();
      },
      (e: unknown) => {
        if (!finished) fail(refusedSentence(e, dto));
        close();
      },
    );
  return close;
}

/** Port-forwards open at once in this process (each holds a listening port). */
export const MAX_FORWARDS = 32;

export class PortForwards {
  private readonly forwards = new Map<string, Forward>();
  private readonly changes = new Emitter<KubePortForwardDto[]>({ name: 'port-forwards' });
  private next = 1;

  list(): KubePortForwardDto[] {
    return [...this.forwards.values()].map((f) => ({ ...f.dto }));
  }

  onChange(listener: (list: KubePortForwardDto[]) => void): Subscription {
    return this.changes.on(listener);
  }

  private changed(): void {
    this.changes.emit(this.list());
  }

  /** Resolves the pod and port (a service's ready pod and targetPort), then listens on 127.0.0.1. */
  async start(kc: KubeConfig, o: StartForward, signal?: AbortSignal): Promise<KubePortForwardDto> {
    if (this.forwards.size >= MAX_FORWARDS)
      throw new BerthError({
        kind: 'conflict',
        message: `Berth keeps at most ${MAX_FORWARDS} port-forwards open at once. Stop one you no longer use, then start this one.`,
      });
    const target = await resolveForwardTarget(
      kc,
      { namespace: o.namespace, kind: o.kind, name: o.name, port: o.remotePort },
      signal,
    );
    // Each connection stays paused until its stream to the pod is open.
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(listenError(e, o.localPort)));
      server.listen({ host: FORWARD_HOST, port: o.localPort, exclusive: true }, () => resolve());
    });
    const address = server.address() as net.AddressInfo;
    const id = `pf-${this.next++}`;
    const f: Forward = {
      kc,
      server,
      open: new Set(),
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
    server.on('connection', (sock) => {
      f.dto.open++;
      f.dto.accepted++;
      const close = carry(
        f,
        sock,
        (message) => {
          f.dto.lastError = { message, at: new Date().toISOString() };
          this.changed();
        },
        () => {
          f.open.delete(close);
          f.dto.open--;
          this.changed();
        },
      );
      f.open.add(close);
      this.changed();
    });
    this.forwards.set(id, f);
    this.changed();
    return { ...f.dto };
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
    const closed = new Promise<void>((resolve) => f.server.close(() => resolve()));
    for (const close of [...f.open]) close();
    await closed;
    this.changed();
  }

  /** Stops every forward (Berth quits). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.forwards.keys()].map((id) => this.stop(id)));
    this.changes.dispose();
  }
}
