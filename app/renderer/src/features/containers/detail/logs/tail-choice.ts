// The "Lines" choice of the logs tab (how much history to load while live) and the subscription's
// arguments for it and the time range (time-range.ts).
import type { SubscriptionArgs } from '../../../../../../shared/contract';
import type { RangeWindow } from './time-range';

export const tailChoices = [
  { value: '1000', label: 'Last 1 000' },
  { value: '10000', label: 'Last 10 000' },
  { value: 'all', label: 'All' },
] as const;

export type TailChoice = (typeof tailChoices)[number]['value'];

/** A range loads every line of its window; live loads the chosen tail. A window with an end is not followed. */
export function logArgs(id: string, choice: TailChoice, window: RangeWindow): SubscriptionArgs<'containers.logs'> {
  const base = {
    id,
    follow: window.until === undefined,
    timestamps: true,
    ...(window.since !== undefined ? { since: window.since } : {}),
    ...(window.until !== undefined ? { until: window.until } : {}),
  };
  if (window.allLines) return { ...base, tail: 'all' };
  return { ...base, tail: choice === 'all' ? 'all' : Number(choice) };
}
