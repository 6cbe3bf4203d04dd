// Browser (`berth serve`): one WebSocket to our own origin; reconnects with backoff.
import type { ClientFrame, ServerFrame } from '../../../shared/contract';
import type { ConnectionState, Transport } from './transport';

export function wsTransport(
  url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`,
): Transport {
  const frameListeners: ((f: ServerFrame) => void)[] = [];
  const stateListeners: ((s: ConnectionState) => void)[] = [];
  let ws: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let queue: string[] = [];
  let delay = 250;

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = () => {
    ws = new WebSocket(url);
    ws.onopen = () => {
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
      for (const l of frameListeners) l(frame);
    };
    ws.onclose = () => {
      ws = undefined;
      queue = [];
      setState('reconnecting');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
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
      else if (state === 'connecting' && (frame.t === 'req' || frame.t === 'sub')) queue.push(text);
      // While reconnecting the client fails requests itself and resubscribes streams on 'open'.
    },
    onFrame: (l) => void frameListeners.push(l),
    onState: (l) => void stateListeners.push(l),
  };
}
