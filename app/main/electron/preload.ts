// The preload: exposes exactly a BerthBridge on `window.berth` — the contract's frames, nothing
// else (never ipcRenderer itself, never the IPC event). Sandboxed: it may require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge';

contextBridge.exposeInMainWorld('berth', createIpcBridge(ipcRenderer));
