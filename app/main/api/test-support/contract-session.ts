// For contract tests that need no engine (kube.*): a Session on both handler sets, as both
// transports use it, with helpers that send a request and wait for its answer, and that subscribe
// and read (and acknowledge) a stream's items.
import { until } from '../../../engine/kube/test-support/kube-fixtures';
import type { ServerFrame } from '../../../shared/contract';
import type { ApiContext } from '../context';
import { handlers } from '../handlers';
import { Session } from '../session';
import { streams } from '../streams';

export function contractSession() {
  const frames: ServerFrame[] = [];
  const s = new Session({ engine: {}, tasks: {} } as unknown as ApiContext, handlers, streams, (f) => frames.push(f));
  let id = 0;
  const request = async (method: string, args: unknown) => {
    const my = ++id;
    s.receive({ t: 'req', id: my, method, args });
    await until(() => frames.some((f) => f.t === 'res' && f.id === my));
    return frames.find((f) => f.t === 'res' && f.id === my) as Extract<ServerFrame, { t: 'res' }>;
  };
  const subscribe = (topic: string, args: unknown) => {
    const my = ++id;
    s.receive({ t: 'sub', id: my, topic, args });
    const items = () =>
      frames.flatMap((f) => {
        if (f.t !== 'data' || f.id !== my) return [];
        s.receive({ t: 'ack', id: my, seq: f.seq });
        return f.items;
      });
    return {
      id: my,
      items,
      end: () => frames.find((f) => f.t === 'end' && f.id === my),
      close: () => s.receive({ t: 'unsub', id: my }),
    };
  };
  return { s, request, subscribe, frames };
}
