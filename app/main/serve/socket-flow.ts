// A WebSocket as the session's outlet: frames out as messages (a batch of bytes binary, the rest
// JSON: shared/contract/wire.ts), and backpressure from what the socket still holds
// (bufferedAmount, binary and text alike). Replies and stream data wait while it holds more than
// MAX_BUFFERED_BYTES, so a client that stops reading costs at most that much here.
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/contract/frames';
import { encodeServerFrame } from '../../shared/contract/wire';
import type { Flow } from '../api/flow';
import { MAX_BUFFERED_BYTES } from '../api/limits';

export interface SocketOutlet extends Flow {
  send(frame: ServerFrame): void;
  /** The socket closed: anything waiting for room is let go. */
  close(): void;
}

export function socketOutlet(ws: WebSocket, limit = MAX_BUFFERED_BYTES): SocketOutlet {
  let waiters: (() => void)[] = [];
  const open = () => ws.readyState === ws.OPEN;
  const congested = () => open() && ws.bufferedAmount > limit;
  const release = () => {
    if (congested()) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  return {
    // The callback runs once the frame has left for the kernel: the moment to see whether room came back.
    send: (frame) => {
      if (open()) ws.send(encodeServerFrame(frame), release);
    },
    congested,
    drained: () => (congested() ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    close: () => {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    },
  };
}
