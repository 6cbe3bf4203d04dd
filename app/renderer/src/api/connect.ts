// Picks the transport at start-up: the preload's bridge inside Electron, else a WebSocket to our origin.
import type { BerthBridge } from '../../../shared/contract';
import { BerthClient } from './client';
import { ipcTransport } from './ipc-transport';
import { wsTransport } from './ws-transport';

declare global {
  interface Window {
    berth?: BerthBridge;
  }
}

export function connect(): BerthClient {
  return new BerthClient(window.berth ? ipcTransport(window.berth) : wsTransport());
}
