// The swarm part of the engine facade, bound to one engine client: swarm, nodes, services, tasks,
// service logs, stacks, secrets, configs and who uses the overlay networks.
import type { ServiceSpecValue } from '../../../shared/contract/areas/swarm';
import type { EngineClient } from '../client';
import { createData, listData, removeData, type DataSpec } from './data';
import { swarmNetworkUse } from './network-use';
import { listNodes, removeNode, updateNode, type NodeChange } from './nodes';
import { serviceLogs, type ServiceLogsOptions } from './service-logs';
import {
  createService,
  inspectService,
  listServices,
  removeService,
  rollbackService,
  scaleService,
  updateService,
} from './services';
import {
  deployStack,
  listStacks,
  prepareDeploy,
  removeStack,
  type DeploySource,
  type PreparedDeploy,
  type StackOptions,
} from './stacks';
import {
  advertiseChoices,
  initSwarm,
  joinSwarm,
  joinTokens,
  leaveSwarm,
  rotateJoinToken,
  swarmStatus,
  type InitOptions,
  type JoinOptions,
} from './swarm';
import { listTasks, type TaskFilter } from './tasks';

export function swarmApi(client: EngineClient) {
  return {
    status: () => swarmStatus(client),
    addresses: () => advertiseChoices(client),
    init: (opts: InitOptions) => initSwarm(client, opts),
    join: (opts: JoinOptions) => joinSwarm(client, opts),
    leave: (force: boolean) => leaveSwarm(client, force),
    joinTokens: () => joinTokens(client),
    rotateToken: (role: 'worker' | 'manager') => rotateJoinToken(client, role),
    tasks: (filter: TaskFilter) => listTasks(client, filter),
    networkUse: () => swarmNetworkUse(client),

    nodes: () => listNodes(client),
    updateNode: (id: string, change: NodeChange) => updateNode(client, id, change),
    removeNode: (id: string) => removeNode(client, id),

    services: () => listServices(client),
    inspectService: (id: string) => inspectService(client, id),
    createService: (spec: ServiceSpecValue) => createService(client, spec),
    updateService: (id: string, spec: ServiceSpecValue, force: boolean) => updateService(client, id, spec, force),
    scaleService: (id: string, replicas: number) => scaleService(client, id, replicas),
    rollbackService: (id: string) => rollbackService(client, id),
    removeService: (id: string) => removeService(client, id),
    serviceLogs: (opts: ServiceLogsOptions) => serviceLogs(client, opts),

    stacks: () => listStacks(client),
    /** Checks what a deploy reads (the CLI's own `stack config`), before the deploy starts as a task. */
    prepareStackDeploy: (src: DeploySource) => prepareDeploy(client, src),
    deployStack: (src: DeploySource, prepared: PreparedDeploy, opts: StackOptions) =>
      deployStack(client, src, prepared, opts),
    removeStack: (name: string) => removeStack(client, name),

    secrets: () => listData(client, 'secret'),
    createSecret: (spec: DataSpec) => createData(client, 'secret', spec),
    removeSecret: (id: string) => removeData(client, 'secret', id),
    configs: () => listData(client, 'config'),
    createConfig: (spec: DataSpec) => createData(client, 'config', spec),
    removeConfig: (id: string) => removeData(client, 'config', id),
  };
}

export type SwarmApi = ReturnType<typeof swarmApi>;
