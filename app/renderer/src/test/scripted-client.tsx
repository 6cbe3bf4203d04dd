// Component tests' Berth: the real BerthClient over a scripted transport (the transport interface
// is ours), so a test answers each request itself and sees what the component asked for.
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ClientFrame, ServerFrame } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { BerthClient } from '../api/client';
import { ClientContext } from '../api/hooks';
import type { ConnectionState, Transport } from '../api/transport';

export function renderWithClient(ui: ReactNode) {
  const sent: Extract<ClientFrame, { t: 'req' }>[] = [];
  /** Subscriptions the component opened. */
  const subs: Extract<ClientFrame, { t: 'sub' }>[] = [];
  /** Every frame the client sent (inputs, unsubscribes too). */
  const frames: ClientFrame[] = [];
  let deliver: (f: ServerFrame) => void = () => {};
  const transport: Transport = {
    state: 'open' as ConnectionState,
    send: (f) => {
      frames.push(f);
      if (f.t === 'req') sent.push(f);
      else if (f.t === 'sub') subs.push(f);
    },
    onFrame: (l) => void (deliver = l),
    onState: () => {},
  };
  const client = new BerthClient(transport);
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const view = render(
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ClientContext.Provider>,
  );
  const pending = (method: string) => {
    const f = sent.find((r) => r.method === method && !answered.has(r.id));
    if (!f) throw new Error(`no unanswered ${method} request; sent: ${sent.map((r) => r.method).join(', ')}`);
    answered.add(f.id);
    return f;
  };
  const answered = new Set<number>();
  return {
    ...view,
    client,
    queryClient,
    sent,
    subs,
    frames,
    /** Hands the client a frame as the server would (e.g. a subscription's data). */
    deliver: (f: ServerFrame) => deliver(f),
    /** Answers the oldest unanswered request of this method. */
    reply(method: string, result: unknown) {
      deliver({ t: 'res', id: pending(method).id, ok: true, result } as ServerFrame);
    },
    fail(method: string, error: ErrorInfo) {
      deliver({ t: 'res', id: pending(method).id, ok: false, error } as ServerFrame);
    },
  };
}
