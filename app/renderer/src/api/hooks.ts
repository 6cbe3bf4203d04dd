// React bindings: server state through react-query keyed by [method, args]; streams through useStream.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type {
  RequestArgs,
  RequestName,
  RequestResult,
  SubscriptionArgs,
  SubscriptionData,
  SubscriptionInput,
  SubscriptionName,
} from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { BerthClient, CallError, CallOptions, StreamHandle } from './client';

export const ClientContext = createContext<BerthClient | null>(null);

export function useClient(): BerthClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside ClientContext');
  return c;
}

export function queryKey<M extends RequestName>(method: M, args?: RequestArgs<M>): readonly unknown[] {
  return args === undefined ? [method] : [method, args];
}

type QueryOpts<M extends RequestName> = Omit<UseQueryOptions<RequestResult<M>, CallError>, 'queryKey' | 'queryFn'>;

/** A request whose result is server state (lists, inspect), cached and invalidated by engine events. */
export function useRequest<M extends RequestName>(method: M, args?: RequestArgs<M>, opts?: QueryOpts<M>) {
  const client = useClient();
  return useQuery<RequestResult<M>, CallError>({
    queryKey: queryKey(method, args),
    // react-query's signal fires when nothing needs the answer any more: the server is told to stop.
    queryFn: ({ signal }) =>
      (client.request as (m: M, a?: RequestArgs<M>, o?: CallOptions) => Promise<RequestResult<M>>)(method, args, {
        signal,
      }),
    ...opts,
  });
}

/** A request that changes something (start, stop, remove …). */
export function useAction<M extends RequestName>(method: M) {
  const client = useClient();
  return useMutation<RequestResult<M>, CallError, RequestArgs<M>>({
    mutationFn: (args) => (client.request as (m: M, a: RequestArgs<M>) => Promise<RequestResult<M>>)(method, args),
  });
}

export interface StreamOptions<D> {
  onData(items: D[]): void | Promise<void>;
  onEnd?(error?: ErrorInfo): void;
  onRestart?(): void;
  /** Subscribe only while true (e.g. while the page is visible). */
  enabled?: boolean;
}

/**
 * Subscribes while mounted and enabled; re-subscribes when `key` changes; unsubscribes on unmount.
 * Callbacks may change between renders without re-subscribing.
 */
export function useStream<T extends SubscriptionName>(
  topic: T,
  args: SubscriptionArgs<T>,
  key: string,
  opts: StreamOptions<SubscriptionData<T>>,
): StreamHandle<SubscriptionInput<T>> | undefined {
  const client = useClient();
  const cb = useRef(opts);
  cb.current = opts;
  const [handle, setHandle] = useState<StreamHandle<SubscriptionInput<T>>>();
  const enabled = opts.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    const h = client.subscribe(topic, args, {
      onData: (items) => cb.current.onData(items),
      onEnd: (e) => cb.current.onEnd?.(e),
      onRestart: () => cb.current.onRestart?.(),
    });
    setHandle(h);
    return () => {
      h.close();
      setHandle(undefined);
    };
    // args are captured by key on purpose: callers put everything that matters in `key`.
  }, [client, topic, key, enabled]);
  return handle;
}

/** Whether the page is visible; nothing is sampled or polled while it is hidden. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    (cb) => {
      document.addEventListener('visibilitychange', cb);
      return () => document.removeEventListener('visibilitychange', cb);
    },
    () => document.visibilityState === 'visible',
  );
}

export { useQueryClient };
