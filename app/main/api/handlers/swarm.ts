// Swarm requests: one call each onto the swarm facade; a stack deploy runs as a task.
import type { EngineAccess } from '../context';
import type { AreaHandlers } from '../types';

type SwarmHandlers = AreaHandlers<'swarm' | 'nodes' | 'services' | 'stacks' | 'secrets' | 'configs'>;

const swarm = async (engine: EngineAccess) => (await engine.api()).swarm();

export const swarmHandlers: SwarmHandlers = {
  'swarm.status': async (_a, { engine }) => (await swarm(engine)).status(),
  'swarm.addresses': async (_a, { engine }) => (await swarm(engine)).addresses(),
  'swarm.init': async (args, { engine }) => (await swarm(engine)).init(args),
  'swarm.join': async (args, { engine }) => (await swarm(engine)).join(args),
  'swarm.leave': async ({ force }, { engine }) => (await swarm(engine)).leave(force),
  'swarm.joinTokens': async (_a, { engine }) => (await swarm(engine)).joinTokens(),
  'swarm.rotateToken': async ({ role }, { engine }) => (await swarm(engine)).rotateToken(role),
  'swarm.tasks': async (filter, { engine }) => (await swarm(engine)).tasks(filter),
  'swarm.networkUse': async (_a, { engine }) => (await swarm(engine)).networkUse(),

  'nodes.list': async (_a, { engine }) => (await swarm(engine)).nodes(),
  'nodes.update': async ({ id, ...change }, { engine }) => (await swarm(engine)).updateNode(id, change),
  'nodes.remove': async ({ id }, { engine }) => (await swarm(engine)).removeNode(id),

  'services.list': async (_a, { engine }) => (await swarm(engine)).services(),
  'services.inspect': async ({ id }, { engine }) => (await swarm(engine)).inspectService(id),
  'services.create': async (spec, { engine }) => (await swarm(engine)).createService(spec),
  'services.update': async ({ id, spec, force }, { engine }) => (await swarm(engine)).updateService(id, spec, force),
  'services.scale': async ({ id, replicas }, { engine }) => (await swarm(engine)).scaleService(id, replicas),
  'services.rollback': async ({ id }, { engine }) => (await swarm(engine)).rollbackService(id),
  'services.remove': async ({ id }, { engine }) => (await swarm(engine)).removeService(id),

  'stacks.list': async (_a, { engine }) => (await swarm(engine)).stacks(),
  'stacks.deploy': async (src, { engine, tasks }) => tasks.run(await (await engine.api()).deployStack(src)),
  'stacks.remove': async ({ name }, { engine }) => (await swarm(engine)).removeStack(name),

  'secrets.list': async (_a, { engine }) => (await swarm(engine)).secrets(),
  'secrets.create': async (spec, { engine }) => (await swarm(engine)).createSecret(spec),
  'secrets.remove': async ({ id }, { engine }) => (await swarm(engine)).removeSecret(id),
  'configs.list': async (_a, { engine }) => (await swarm(engine)).configs(),
  'configs.create': async (spec, { engine }) => (await swarm(engine)).createConfig(spec),
  'configs.remove': async ({ id }, { engine }) => (await swarm(engine)).removeConfig(id),
};
