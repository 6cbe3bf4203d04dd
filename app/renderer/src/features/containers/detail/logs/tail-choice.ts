// The "Show" choice of the logs tab: how much history to load.
import type { SubscriptionArgs } from '../../../../../../shared/contract';

export const tailChoices = [
  { value: '1000', label: 'Last 1 000' },
  { value: '10000', label: 'Last 10 000' },
  { value: 'all', label: 'All' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
] as const;

export type TailChoice = (typeof tailChoices)[number]['value'];

export function logArgs(id: string, choice: TailChoice, nowMs: number): SubscriptionArgs<'containers.logs'> {
  const base = { id, follow: true, timestamps: true };
  switch (choice) {
    case '1000':
      return { ...base, tail: 1000 };
    case '10000':
      return { ...base, tail: 10_000 };
    case 'all':
      return { ...base, tail: 'all' };
    case '1h':
      return { ...base, tail: 'all', since: Math.floor(nowMs / 1000) - 3600 };
    case '24h':
      return { ...base, tail: 'all', since: Math.floor(nowMs / 1000) - 86_400 };
  }
}
