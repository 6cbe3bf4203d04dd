// Handler signatures derived from the contract: one handler per request, one per subscription.
import type { z } from 'zod';
import type {
  RequestName,
  RequestResult,
  Requests,
  SubscriptionData,
  SubscriptionName,
  Subscriptions,
} from '../../shared/contract';
import type { ApiContext, CallContext } from './context';

export type HandlerContext = ApiContext & CallContext;

export type RequestHandlers = {
  [M in RequestName]: (args: z.output<Requests[M]['args']>, ctx: HandlerContext) => Promise<RequestResult<M>>;
};

/** The handlers of every request of one area or more, e.g. `AreaHandlers<'networks'>` for all `networks.*`. */
export type AreaHandlers<A extends string> = Pick<RequestHandlers, Extract<RequestName, `${A}.${string}`>>;

export type StreamSource<D, I = never> =
  /** `latest`: each item is the whole state, and a slow client gets only the newest (LatestQueue). */
  (
    | { items: AsyncIterable<D>; batches?: undefined; latest?: boolean }
    /** Items already grouped by the source (e.g. log lines per engine chunk). */
    | { batches: AsyncIterable<D[]>; items?: undefined }
  ) & {
    /** Client→server messages (already validated against the contract's input schema). */
    input?(msg: I): void | Promise<void>;
  };

type InputOf<T extends SubscriptionName> = Subscriptions[T]['input'] extends z.ZodType
  ? z.output<Subscriptions[T]['input']>
  : never;

export type SubscriptionHandlers = {
  [T in SubscriptionName]: (
    args: z.output<Subscriptions[T]['args']>,
    ctx: HandlerContext,
  ) => StreamSource<SubscriptionData<T>, InputOf<T>> | Promise<StreamSource<SubscriptionData<T>, InputOf<T>>>;
};
