// The renderer side of the IPC transport, as the preload exposes it: send a frame, receive frames.
// Frames pass as they are: bytes inside them are Uint8Array both ways (structured clone).
// Bundled into the sandboxed preload: it imports bridge.ts directly (not the contract's index, which
// would pull zod into the preload) and only types from elsewhere.
import type { IpcRenderer } from 'electron';
import { IPC_CHANNEL, type BerthBridge } from '../../shared/contract/bridge';
import type { ClientFrame, ServerFrame } from '../../shared/contract/frames';

export function createIpcBridge(ipc: Pick<IpcRenderer, 'on' | 'send'>): BerthBridge {
  let listener: ((frame: ServerFrame) => void) | undefined;
  ipc.on(IPC_CHANNEL, (_event, frame: ServerFrame) => listener?.(frame));
  return Object.freeze({
    transport: 'ipc' as const,
    send(frame: ClientFrame): void {
      ipc.send(IPC_CHANNEL, frame);
    },
    onFrame(next: (frame: ServerFrame) => void): () => void {
      if (typeof next !== 'function') throw new TypeError('onFrame needs a function.');
      listener = next;
      return () => {
        if (listener === next) listener = undefined;
      };
    },
  });
}
