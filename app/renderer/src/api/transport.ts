// A transport moves contract frames; the client above it never knows which one it has.
import type { ClientFrame, ServerFrame } from '../../../shared/contract';

/** 'signed-out': the server no longer accepts this page's token (a browser on `berth serve` only). */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'signed-out';

export interface Transport {
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: ServerFrame) => void): void;
  /** 'open' again after 'reconnecting' means streams must be resubscribed. */
  onState(listener: (state: ConnectionState) => void): void;
  readonly state: ConnectionState;
}
