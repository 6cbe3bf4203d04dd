// Every subscription handler, one per contract entry.
import type { SubscriptionHandlers } from '../types';
import { containerStreams } from './containers';
import { engineStreams } from './engine';
import { composeStreams } from './compose';
import { systemStreams } from './system';
import { transferStreams } from './transfers';
import { kubeStreams } from './kube';

export const streams: SubscriptionHandlers = {
  ...engineStreams,
  ...containerStreams,
  ...composeStreams,
  ...systemStreams,
  ...transferStreams,
  ...kubeStreams,
};
