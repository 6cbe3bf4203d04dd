// A transport moves contract frames; the client above it never knows which one it has.
import type { ClientFrame, ServerFrame } from '../../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface Transport {
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: ServerFrame) => void): void;
  /** 'open' again after 'reconnecting' means streams must be resubscribed. */
  onState(listener: (state: ConnectionState) => void): void;
  readonly state: ConnectionState;
}
