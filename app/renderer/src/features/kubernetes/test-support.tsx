// Test support for the Kubernetes page's component tests: a scripted client (the contract is all the
// renderer knows; the engine side is tested against the fake API server), fixtures, and a watch's
// items as the engine sends them.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll } from 'vitest';
import type { KubeContextsDto, KubePod } from '../../../../shared/contract/areas/kube';
import type { BerthClient } from '../../api/client';
import { ClientContext } from '../../api/hooks';

export const contexts: KubeContextsDto = {
  files: ['/home/u/.kube/config'],
  fileCurrent: 'kind-dev',
  active: 'kind-dev',
  contexts: [
    { name: 'kind-dev', cluster: 'kind-dev', user: 'kind-dev', namespace: 'shop', server: 'https://127.0.0.1:6443' },
    { name: 'prod', cluster: 'prod', user: 'prod', namespace: '', server: 'https://prod.example' },
  ],
};

export const pod = (name: string, extra: Partial<KubePod> = {}): KubePod => ({
  namespace: 'shop',
  name,
  phase: 'Running',
  readyContainers: 1,
  containers: ['app'],
  restarts: 0,
  node: 'node-1',
  ip: '10.0.0.5',
  created: new Date(Date.now() - 120_000).toISOString(),
  owner: 'ReplicaSet/web-abc',
  ...extra,
});

/** A full list as the engine sends it: reset, one upsert per object, synced. */
export const listed = (...rows: object[]) => [
  { type: 'reset' },
  ...rows.map((item) => ({ type: 'upsert', item })),
  { type: 'synced' },
];

export interface Sub {
  topic: string;
  args: Record<string, unknown>;
  push(items: unknown[]): void;
  closed: boolean;
}

export const ok = (method: string): unknown => {
  if (method === 'kube.contexts') return contexts;
  if (method === 'kube.reach') return { context: 'kind-dev', reachable: true, version: 'v1.31.0' };
  if (method === 'kube.namespaces') return ['default', 'shop'];
  return undefined;
};

/** The answer of kube.reach when the fixtures' context does not answer, with Berth's sentence. */
export const unreachable = (message: string) => ({
  context: 'kind-dev',
  reachable: false,
  kind: 'unavailable',
  message,
});

/** An object of kind `resource` in the fixtures' context and namespace, as requests name it. */
export const inShop = (resource: string, name: string) => ({ context: 'kind-dev', resource, namespace: 'shop', name });

/** The arguments of the first request of `method`. */
export const argsOf = (calls: readonly { method: string; args: Record<string, unknown> }[], method: string) =>
  calls.find((c) => c.method === method)?.args;

export function setUp(answer: (method: string, args: Record<string, unknown>) => unknown) {
  const calls: {
    method: string;
    args: Record<string, unknown>;
    signal?: AbortSignal;
    onLateResult?: (r: unknown) => void;
  }[] = [];
  const subs: Sub[] = [];
  const client = {
    connection: 'open',
    onConnection: () => () => undefined,
    request: async (method: string, args: Record<string, unknown> = {}, opts?: (typeof calls)[number]) => {
      calls.push({
        method,
        args,
        ...(opts?.signal ? { signal: opts.signal } : {}),
        ...(opts?.onLateResult ? { onLateResult: opts.onLateResult } : {}),
      });
      return answer(method, args);
    },
    subscribe: (topic: string, args: Record<string, unknown>, cb: { onData(items: unknown[]): void }) => {
      const sub: Sub = { topic, args, closed: false, push: (items) => act(() => cb.onData(items)) };
      subs.push(sub);
      return { input: () => undefined, close: () => (sub.closed = true) };
    },
  } as unknown as BerthClient;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const wrap = (ui: ReactNode) => (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ClientContext.Provider>
  );
  /** Renders `ui` inside the client; its rerender keeps the client. */
  const show = (ui: ReactNode) => {
    const r = render(wrap(ui));
    return { ...r, rerender: (next: ReactNode) => r.rerender(wrap(next)) };
  };
  /** Open watches of a resource (kube.watch), or of another topic. */
  const live = (resource: string) =>
    subs.filter((s) => !s.closed && (s.topic === 'kube.watch' ? s.args.resource === resource : s.topic === resource));
  return { calls, subs, live, show };
}

/**
 * happy-dom lays nothing out; the virtualised table needs its scroller to have a height to show
 * rows. Call at the top of a test file.
 */
export function withLayoutHeight(height = 600): void {
  const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  });
  afterAll(() => {
    if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved);
    else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  });
}
