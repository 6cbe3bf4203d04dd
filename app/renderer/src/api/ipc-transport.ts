// Electron: frames go through the preload's bridge (contextBridge), which is always open.
import type { BerthBridge } from '../../../shared/contract';
import type { ConnectionState, Transport } from './transport';

export function ipcTransport(bridge: BerthBridge): Transport {
  return {
    state: 'open',
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => void bridge.onFrame(listener),
    onState: (listener: (s: ConnectionState) => void) => listener('open'),
  };
}
