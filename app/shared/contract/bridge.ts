// What the Electron preload exposes on `window.berth`: the contract's frames, nothing else.
// The WebSocket transport carries the very same frames.
import type { ClientFrame, ServerFrame } from './frames';

export interface BerthBridge {
  readonly transport: 'ipc';
  send(frame: ClientFrame): void;
  /** Registers the single frame listener; returns a function that removes it. */
  onFrame(listener: (frame: ServerFrame) => void): () => void;
}

export const IPC_CHANNEL = 'berth:frame';
