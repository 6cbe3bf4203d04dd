// kube.portForwards: the active forwards, the whole list first and again on each change (a
// connection opened or closed, a failure, a forward started or stopped, the pod a service reaches);
// latest-only: a view that is slow to take them gets the newest list, not every one in between.
// Ends when the view goes.
import { kubeForwards } from '../kube-forwards';
import type { SubscriptionHandlers } from '../types';
import { latestFromListener } from './from-listener';

export const kubePortForwardStreams: Pick<SubscriptionHandlers, 'kube.portForwards'> = {
  'kube.portForwards': (_args, { signal }) => {
    const forwards = kubeForwards();
    return { items: latestFromListener(signal, (push) => forwards.onChange(push), forwards.list()), latest: true };
  },
};
