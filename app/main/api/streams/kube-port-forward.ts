// kube.portForwards: the active forwards, the whole list first and again on each change (a
// connection opened or closed, a failure, a forward started or stopped); ends when the view goes.
import { kubeForwards } from '../kube-forwards';
import type { SubscriptionHandlers } from '../types';
import { fromListener } from './from-listener';

export const kubePortForwardStreams: Pick<SubscriptionHandlers, 'kube.portForwards'> = {
  'kube.portForwards': (_args, { signal }) => {
    const forwards = kubeForwards();
    return { items: fromListener(signal, (push) => forwards.onChange(push), [forwards.list()]) };
  },
};
