// How a transport tells the session it is holding too much for its client: replies and stream
// data wait while it is congested (WebSocket: bufferedAmount over MAX_BUFFERED_BYTES).

export interface Flow {
  /** True while the transport holds more than it should for this client. */
  congested(): boolean;
  /** Resolves once the transport is no longer congested, or the client has gone. */
  drained(): Promise<void>;
}

/** For a transport without backpressure (Electron IPC): the acknowledgement window is the only bound. */
export const noBackpressure: Flow = { congested: () => false, drained: () => Promise.resolve() };
