// Component tests: renders UI with a Berth client whose requests a test answers (the contract is all
// the renderer knows; the real engine is covered by the integration and e2e tests), and a fresh
// react-query cache. Subscriptions are held open and silent.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, waitFor, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { RequestName } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { CallError, type BerthClient } from '../api/client';
import { ClientContext } from '../api/hooks';

export type Answer = (method: RequestName, args: unknown) => unknown;

export interface Rendered extends RenderResult {
  queryClient: QueryClient;
  /** Every request made, in order. */
  calls: { method: RequestName; args: unknown }[];
  /** The requests made to one method. */
  callsTo(method: RequestName): unknown[];
}

/** A refusal as the client raises it for the server's error. */
export function refusal(info: ErrorInfo): CallError {
  return new CallError(info);
}

/** Answers a request with a refusal. */
export function refuse(info: ErrorInfo): never {
  throw refusal(info);
}

export function renderWithClient(ui: ReactElement, answer: Answer = () => undefined): Rendered {
  const calls: Rendered['calls'] = [];
  const client = {
    connection: 'open',
    onConnection: () => () => undefined,
    request: async (method: RequestName, args?: unknown) => {
      calls.push({ method, args });
      return answer(method, args ?? {});
    },
    subscribe: () => ({ input: () => undefined, close: () => undefined }),
  } as unknown as BerthClient;
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: 0 } },
  });
  const result = render(
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ClientContext.Provider>,
  );
  return {
    ...result,
    queryClient,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
  };
}

/** The tasks stream says the tasks are now `list` (the task centre keeps ['tasks.list'] current in the app). */
export async function setTasks(queryClient: QueryClient, list: unknown[]): Promise<void> {
  // a fetch already under way would answer with the old list after this one
  await waitFor(() => {
    if (queryClient.isFetching({ queryKey: ['tasks.list'] })) throw new Error('still fetching');
  });
  await act(async () => {
    queryClient.setQueryData(['tasks.list'], list);
    // react-query tells its observers on the next tick
    await new Promise((done) => setTimeout(done, 0));
  });
}
