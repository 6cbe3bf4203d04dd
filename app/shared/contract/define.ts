// Builders for contract entries. An entry pairs a runtime schema for its arguments (checked where
// the call is received) with the TypeScript type of what it returns or streams.
import type { z } from 'zod';

export interface RequestDef<A extends z.ZodType = z.ZodType, R = unknown> {
  kind: 'request';
  args: A;
  /** Phantom: the result type. Never set at run time. */
  result?: R;
}

export interface SubscriptionDef<
  A extends z.ZodType = z.ZodType,
  D = unknown,
  I extends z.ZodType | undefined = undefined,
> {
  kind: 'subscription';
  args: A;
  /** Schema of client→server messages for bidirectional streams (exec input and resize). */
  input: I;
  /** Phantom: the type of each data item. */
  data?: D;
}

export function request<R>() {
  return <A extends z.ZodType>(args: A): RequestDef<A, R> => ({ kind: 'request', args });
}

export function subscription<D>() {
  return <A extends z.ZodType, I extends z.ZodType | undefined = undefined>(
    args: A,
    input?: I,
  ): SubscriptionDef<A, D, I> => ({
    kind: 'subscription',
    args,
    input: input as I,
  });
}
