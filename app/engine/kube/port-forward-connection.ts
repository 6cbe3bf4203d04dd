// One accepted TCP connection of a port-forward, carried over its own pods/portforward stream
// (port-forward-protocol.ts). Bytes flow with backpressure both ways, with stated bounds: the
// websocket is not read while Berth holds FROM_POD_HIGH_WATER bytes or more that the local client has
// not taken, and the client's socket is not read while the websocket holds TO_POD_HIGH_WATER bytes or
// more unsent. A half-close is kept: when the client ends its write side, what the pod still sends
// reaches it. The v4.channel.k8s.io stream cannot carry a half-close (the kubelet ends both
// directions when the stream closes), so the pod gets the end as the stream's close: when it closes
// first, or once it has sent nothing for HALF_CLOSE_IDLE_MS after the client's end.
import type net from 'node:net';
import type WebSocket from 'ws';
import { ChannelStart, DATA_CHANNEL, ERROR_CHANNEL, dataFrame, forwardErrorSentence } from './port-forward-protocol';
import type { ForwardTarget } from './port-forward-target';

/** Bytes Berth holds for a local client that does not read before it stops reading the websocket. */
export const FROM_POD_HIGH_WATER = 256 * 1024;
/** Bytes the websocket may hold unsent (a pod that does not read) before the client's socket is paused. */
export const TO_POD_HIGH_WATER = 1024 * 1024;
/**
 * What can still arrive after a reader is paused: the rest of its last socket read (64 KiB) and the
 * websocket message that read completes. Buffers stay at most HIGH_WATER + PAUSE_SLACK.
 */
export const PAUSE_SLACK = 96 * 1024;
/** A connection whose client has ended its side closes once the pod has sent nothing for this long. */
export const HALF_CLOSE_IDLE_MS = 5_000;

/** One connection's flow, now and at its worst (tests and diagnostics). */
export interface ConnectionStats {
  /** The pod this connection reaches (undefined until its stream is open). */
  pod: string | undefined;
  /** Bytes Berth holds for the client; `paused`: the websocket is not read meanwhile. */
  toClient: { buffered: number; max: number; paused: boolean };
  /** Bytes the websocket holds for the pod; `paused`: the client's socket is not read meanwhile. */
  toPod: { buffered: number; max: number; paused: boolean };
  /** The client has ended its write side. */
  halfClosed: boolean;
}

export interface Connection {
  close(): void;
  stats(): ConnectionStats;
}

/** Reads the frames of one stream to `target`: channel, bytes → false to close the stream. */
export type FrameHandler = (channel: number, buff: Buffer) => boolean;

/** Opens the stream (the forward chooses the pod); `handlerFor` reads the frames of the stream to `target`. */
export type OpenStream = (
  handlerFor: (target: ForwardTarget) => FrameHandler,
  signal: AbortSignal,
) => Promise<{ ws: WebSocket; target: ForwardTarget }>;

export interface CarryOptions {
  /** The kubelet reported an error on the stream, as a sentence. */
  fail(message: string): void;
  /** The stream could not be opened (refused, the pod gone, no pod to go to). */
  refused(e: unknown): void;
  /** Runs once, when the socket and the stream are both closed. */
  done(): void;
  halfCloseIdleMs?: number;
}

export function carry(sock: net.Socket, open: OpenStream, o: CarryOptions): Connection {
  const ac = new AbortController();
  const idleMs = o.halfCloseIdleMs ?? HALF_CLOSE_IDLE_MS;
  let ws: WebSocket | undefined;
  let target: ForwardTarget | undefined;
  let finished = false;
  let errorText = '';
  let fromPodPaused = false;
  let toPodPaused = false;
  let maxToClient = 0;
  let maxToPod = 0;
  let halfClosed = false;
  let idle: NodeJS.Timeout | undefined;

  const close = () => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    ac.abort();
    ws?.terminate();
    sock.destroy();
    o.done();
  };

  /** In half-close, the stream closes once the pod has been quiet (not merely held back) for idleMs. */
  const armIdle = () => {
    if (!halfClosed || finished) return;
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (fromPodPaused) return armIdle();
      if (ws && ws.readyState === ws.OPEN) ws.close(1000);
      else if (!ws) close();
    }, idleMs);
  };

  sock.setNoDelay(true);
  sock.on('error', () => close());
  sock.on('close', () => {
    if (ws && ws.readyState === ws.OPEN) ws.close(1000);
    close();
  });
  sock.on('drain', () => {
    if (!fromPodPaused) return;
    fromPodPaused = false;
    ws?.resume();
  });

  const handlerFor = (t: ForwardTarget): FrameHandler => {
    const data = new ChannelStart(t.podPort, 'data');
    const errors = new ChannelStart(t.podPort, 'error');
    return (channel, buff) => {
      try {
        if (channel === DATA_CHANNEL) {
          const bytes = data.take(buff);
          if (!bytes.length || sock.destroyed) return true;
          sock.write(bytes);
          maxToClient = Math.max(maxToClient, sock.writableLength);
          if (sock.writableLength >= FROM_POD_HIGH_WATER && !fromPodPaused) {
            fromPodPaused = true;
            ws?.pause();
          }
          armIdle();
        } else if (channel === ERROR_CHANNEL) {
          // What the error channel says is a sentence or two; a server that says more is cut at 4 KiB.
          if (errorText.length < 4096) errorText = (errorText + errors.take(buff).toString('utf8')).slice(0, 4096);
          else errors.take(buff);
        }
        return true;
      } catch (e) {
        o.fail(e instanceof Error ? e.message : String(e));
        return false;
      }
    };
  };

  open(handlerFor, ac.signal).then(
    (opened) => {
      const socket = opened.ws;
      ws = socket;
      target = opened.target;
      if (finished) return void socket.terminate();
      if (fromPodPaused) socket.pause();
      socket.on('close', () => {
        if (errorText.trim()) o.fail(forwardErrorSentence(errorText, opened.target.pod, opened.target.podPort));
        // What the pod sent is flushed to the client before its socket ends.
        if (!sock.destroyed) sock.end(() => close());
        else close();
      });
      sock.on('data', (chunk: Buffer) => {
        if (socket.readyState !== socket.OPEN) return;
        socket.send(dataFrame(chunk), () => {
          if (toPodPaused && socket.bufferedAmount < TO_POD_HIGH_WATER / 2) {
            toPodPaused = false;
            if (!finished) sock.resume();
          }
        });
        maxToPod = Math.max(maxToPod, socket.bufferedAmount);
        if (socket.bufferedAmount >= TO_POD_HIGH_WATER && !toPodPaused) {
          toPodPaused = true;
          sock.pause();
        }
      });
      // The client ended its side: the stream stays open so the pod's answer still reaches it.
      sock.on('end', () => {
        halfClosed = true;
        armIdle();
      });
      sock.resume();
    },
    (e: unknown) => {
      if (!finished) o.refused(e);
      close();
    },
  );

  return {
    close,
    stats: () => ({
      pod: target?.pod,
      toClient: { buffered: sock.writableLength, max: maxToClient, paused: fromPodPaused },
      toPod: { buffered: ws?.bufferedAmount ?? 0, max: maxToPod, paused: toPodPaused },
      halfClosed,
    }),
  };
}
