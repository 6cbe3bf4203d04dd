// Browser (`berth serve`): one WebSocket to our own origin; reconnects with backoff. The token is
// presented on the handshake as a subprotocol next to the contract's own ('berth.v1', which the
// server selects), so a socket without it is refused before it opens. When a socket is refused,
// the page asks the server whether its token is still good; if not, it is signed out.
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX, type ClientFrame, type ServerFrame } from '../../../shared/contract';
import { Emitter } from '../../../shared/emitter';
import type { ConnectionState, Transport } from './transport';
import { checkToken, type TokenCheck } from './web-token';

export interface WsOptions {
  url?: string;
  /** How a refused socket learns whether the token is still accepted (tests replace it). */
  check?: (token: string) => Promise<TokenCheck>;
}

export function wsTransport(token: string, opts: WsOptions = {}): Transport & { close(): void } {
  const url = opts.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  const check = opts.check ?? checkToken;
  const frames = new Emitter<ServerFrame>({ name: 'server frames' });
  const states = new Emitter<ConnectionState>({ name: 'the connection' });
  let ws: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let queue: string[] = [];
  let delay = 250;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (s: ConnectionState) => {
    state = s;
    states.emit(s);
  };

  const connect = () => {
    if (stopped) return;
    let opened = false;
    ws = new WebSocket(url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`]);
    ws.onopen = () => {
      opened = true;
      delay = 250;
      const pending = queue;
      queue = [];
      for (const f of pending) ws!.send(f);
      setState('open');
    };
    ws.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      frames.emit(frame);
    };
    // A failed handshake fires 'error' then 'close'; 'close' does the work.
    ws.onerror = () => {};
    ws.onclose = () => {
      ws = undefined;
      queue = [];
      if (stopped) return;
      if (state !== 'reconnecting') setState('reconnecting');
      const retry = () => {
        if (stopped) return;
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      };
      if (opened) return retry();
      // Refused before it opened: a wrong token, or Berth is down or busy. Only a wrong token signs out.
      void check(token).then((verdict) => (verdict === 'refused' ? setState('signed-out') : retry()));
    };
  };
  connect();

  return {
    get state() {
      return state;
    },
    send(frame: ClientFrame) {
      const text = JSON.stringify(frame);
      if (ws?.readyState === WebSocket.OPEN) ws.send(text);
      else if (state === 'connecting' && (frame.t === 'req' || frame.t === 'sub' || frame.t === 'cancel'))
        queue.push(text);
      // While reconnecting the client fails requests itself and resubscribes streams on 'open'.
    },
    onFrame: (l) => void frames.on(l),
    onState: (l) => void states.on(l),
    close() {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    },
  };
}
