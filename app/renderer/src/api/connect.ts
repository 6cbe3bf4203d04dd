// Picks the transport at start-up: the preload's bridge inside Electron, else a WebSocket to our
// origin with the token this page was given. Without a token a browser gets the sign-in screen.
import type { BerthBridge } from '../../../shared/contract';
import { BerthClient } from './client';
import { ipcTransport } from './ipc-transport';
import { takeToken } from './web-token';
import { wsTransport } from './ws-transport';

declare global {
  interface Window {
    berth?: BerthBridge;
  }
}

export type Start = { client: BerthClient } | { signIn: 'missing' };

export function connect(): Start {
  if (window.berth) return { client: new BerthClient(ipcTransport(window.berth)) };
  const token = takeToken();
  if (!token) return { signIn: 'missing' };
  return { client: new BerthClient(wsTransport(token)) };
}
