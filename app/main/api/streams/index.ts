// Every subscription handler, one per contract entry.
import type { SubscriptionHandlers } from '../types';
import { containerStreams } from './containers';
import { debugStreams } from './debug';
import { engineStreams } from './engine';
import { composeStreams } from './compose';
import { systemStreams } from './system';
import { transferStreams } from './transfers';
import { swarmStreams } from './swarm';
import { kubeStreams } from './kube';
import { kubePortForwardStreams } from './kube-port-forward';
import { troubleshootStreams } from './troubleshoot';

export const streams: SubscriptionHandlers = {
  ...engineStreams,
  ...containerStreams,
  ...debugStreams,
  ...composeStreams,
  ...systemStreams,
  ...transferStreams,
  ...swarmStreams,
  ...kubeStreams,
  ...kubePortForwardStreams,
  ...troubleshootStreams,
};
