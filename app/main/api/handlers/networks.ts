// networks.* requests: one call each onto the engine facade.
import type { AreaHandlers } from '../types';

export const networkHandlers: AreaHandlers<'networks'> = {
  'networks.list': async (_a, { engine }) => (await engine.api()).listNetworks(),
  'networks.create': async ({ name, driver, subnet, gateway, internal, attachable }, { engine }) =>
    (await engine.api()).createNetwork({
      name,
      driver,
      internal,
      attachable,
      ...(subnet ? { subnet } : {}),
      ...(gateway ? { gateway } : {}),
    }),
  'networks.inspect': async ({ name }, { engine }) => (await engine.api()).inspectNetwork(name),
  'networks.remove': async ({ name }, { engine }) => (await engine.api()).removeNetwork(name),
  'networks.connect': async ({ name, container }, { engine }) => {
    await (await engine.api()).connectNetwork(name, container);
  },
  'networks.disconnect': async ({ name, container, force }, { engine }) => {
    await (await engine.api()).disconnectNetwork(name, container, { force });
  },
};
