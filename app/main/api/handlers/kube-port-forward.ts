// kube.portForward.* requests: start, stop and list forwards of this process, and the ports an
// object offers; a forward is pinned to the context it was started in.
import { forwardablePorts } from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import { kubeForwards } from '../kube-forwards';
import type { RequestHandlers } from '../types';

type Handlers = Pick<RequestHandlers, Extract<keyof RequestHandlers, `kube.portForward.${string}`>>;

export const kubePortForwardHandlers: Handlers = {
  'kube.portForward.start': async ({ context, namespace, kind, name, remotePort, localPort }, { signal }) => {
    const clusters = kubeClusters();
    const kc = clusters.config(context);
    const pinned = context ?? clusters.contexts().active;
    return kubeForwards().start(kc, { context: pinned, namespace, kind, name, remotePort, localPort }, signal);
  },
  'kube.portForward.stop': async ({ id }) => kubeForwards().stop(id),
  'kube.portForward.list': async () => kubeForwards().list(),
  'kube.portForward.ports': async ({ context, namespace, kind, name }, { signal }) =>
    forwardablePorts(kubeClusters().config(context), { namespace, kind, name }, signal),
};
