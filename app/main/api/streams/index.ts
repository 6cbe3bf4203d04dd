// Every subscription handler, one per contract entry.
import type { SubscriptionHandlers } from '../types';
import { containerStreams } from './containers';
import { engineStreams } from './engine';
import { composeStreams } from './compose';

export const streams: SubscriptionHandlers = {
  ...engineStreams,
  ...containerStreams,
  ...composeStreams,
};
