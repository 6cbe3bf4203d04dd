// networks.* requests: one call each onto the engine facade.
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  removeNetwork,
} from '../../../engine/docker/networks';
import type { NetworkSummary } from '../../../shared/contract';
import type { RequestHandlers } from '../types';

type NetworkHandlers = Pick<
  RequestHandlers,
  | 'networks.list'
  | 'networks.create'
  | 'networks.inspect'
  | 'networks.remove'
  | 'networks.connect'
  | 'networks.disconnect'
>;

const summary = (n: NetworkSummary): NetworkSummary => ({
  id: n.id,
  name: n.name,
  driver: n.driver,
  scope: n.scope,
  subnets: n.subnets,
  internal: n.internal,
  attachable: n.attachable,
  builtIn: n.builtIn,
  containers: n.containers,
});

export const networkHandlers: NetworkHandlers = {
  'networks.list': async (_a, { engine }) => (await listNetworks(await engine.client())).map(summary),
  'networks.create': async ({ name, driver, subnet, gateway, internal, attachable }, { engine }) =>
    summary(
      await createNetwork(await engine.client(), {
        name,
        driver,
        internal,
        attachable,
        ...(subnet ? { subnet } : {}),
        ...(gateway ? { gateway } : {}),
      }),
    ),
  'networks.inspect': async ({ name }, { engine }) =>
    ({ ...(await inspectNetwork(await engine.client(), name)) }) as Record<string, unknown>,
  'networks.remove': async ({ name }, { engine }) => removeNetwork(await engine.client(), name),
  'networks.connect': async ({ name, container }, { engine }) => {
    await connectNetwork(await engine.client(), name, container);
  },
  'networks.disconnect': async ({ name, container, force }, { engine }) => {
    await disconnectNetwork(await engine.client(), name, container, { force });
  },
};
