// Swarm mode: the engine's swarm (init, join, join tokens, leave), nodes, services and their tasks and
// merged logs, stacks, secrets and configs, and who uses the overlay networks.
import { z } from 'zod';
import { labelMap, labelsProblem, nameRule, sized } from '../../rules';
import { request, subscription } from '../define';
import type { TaskInfo } from '../dto';
import { composeFilePath } from './compose';
import { SERVICE_NAME, serviceSpec, swarmDataName, swarmRef } from './swarm-service-spec';
import type {
  AdvertiseChoices,
  JoinTokens,
  ServiceLogLine,
  SwarmData,
  SwarmNetworkUse,
  SwarmNode,
  SwarmService,
  SwarmStack,
  SwarmStatus,
  SwarmTask,
} from './swarm-dto';
import type { ServiceSpecInput } from './swarm-service-spec';

export * from './swarm-dto';
export * from './swarm-service-spec';

const none = z.strictObject({});
const byId = z.strictObject({ id: swarmRef });

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** host[:port] or [ipv6][:port] → its host and port, or undefined when it is neither. */
function hostPort(s: string): { host: string; port?: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s[\]]+))(?::(\d{1,5}))?$/.exec(s);
  const host = m?.[1] ?? m?.[2];
  if (!host) return undefined;
  const port = m?.[3] ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host, ...(port !== undefined ? { port } : {}) };
}

const ipOrInterface = (host: string) =>
  IPV4.test(host) || host.includes(':') || (!/^[\d.]+$/.test(host) && /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/.test(host));

/** An address other nodes reach this one at: an IP or an interface name (eth0), optionally with :port. */
export const advertiseAddr = z
  .string()
  .max(300)
  .refine((s) => {
    const hp = hostPort(s);
    return !!hp && ipOrInterface(hp.host);
  }, 'An address is an IP address or an interface name (eth0), optionally with :port, e.g. 192.168.1.10.');

/** A manager's address to join: host:port, the port defaulting to 2377. */
export const managerAddr = z
  .string()
  .min(1, "Give a manager's address, e.g. 192.168.1.10:2377.")
  .max(300)
  .refine((s) => {
    const hp = hostPort(s);
    return (
      !!hp && (IPV4.test(hp.host) || hp.host.includes(':') || (!/^[\d.]+$/.test(hp.host) && HOSTNAME.test(hp.host)))
    );
  }, "A manager's address is host:port, e.g. 192.168.1.10:2377.");

/** A join token as `docker swarm join-token` prints it. */
export const joinToken = z
  .string()
  .min(1, 'Paste the join token (it starts with SWMTKN-1-).')
  .max(512)
  .regex(
    /^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/,
    'A join token looks like SWMTKN-1-… (copy it whole from `docker swarm join-token worker` on a manager).',
  );

const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'An address pool is written address/prefix, e.g. 10.20.0.0/16.');

/** A stack's name: it prefixes its services' names, so the service name rule applies (shorter). */
export const stackName = nameRule(SERVICE_NAME, 50, {
  empty: 'Give the stack a name.',
  long: 'A stack name has at most 50 characters.',
  rule: 'A stack name uses letters, digits, "-" and "_", and starts and ends with a letter or digit.',
});

/** Swarm keeps a secret or a config up to 500 KB. */
export const SWARM_DATA_MAX_BYTES = 500 * 1024;
const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.match(/=+$/)?.[0].length ?? 0);

export const swarmDataSpec = z.strictObject({
  name: swarmDataName,
  /** The value, base64 (the engine stores bytes). */
  data: z
    .string()
    .min(1, 'Give a value: type it, or choose a file.')
    .max(Math.ceil((SWARM_DATA_MAX_BYTES * 4) / 3) + 4, 'Swarm keeps at most 500 KB.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The value did not arrive as base64.')
    .refine((b) => base64Bytes(b) <= SWARM_DATA_MAX_BYTES, 'Swarm keeps at most 500 KB.'),
  labels: labelMap,
});
export type SwarmDataSpec = z.input<typeof swarmDataSpec>;

export interface ServiceDetails {
  service: SwarmService;
  /** Its settings as the service form edits them. */
  spec: ServiceSpecInput;
  /** The image before the last update, when the swarm keeps the previous settings (so Rollback can go back). */
  previousImage?: string;
  canRollback: boolean;
  /** The engine's own inspect, for the Inspect view. */
  raw: Record<string, unknown>;
}

export const swarmRequests = {
  'swarm.status': request<SwarmStatus>()(none),
  /** Addresses the engine could advertise, and the one Berth suggests. */
  'swarm.addresses': request<AdvertiseChoices>()(none),
  'swarm.init': request<SwarmStatus>()(
    z.strictObject({
      /** Empty: the engine picks (it can when it has one address). */
      advertiseAddr: advertiseAddr.optional(),
      listenAddr: advertiseAddr.optional(),
      defaultAddrPool: z.array(cidr).max(16).optional(),
    }),
  ),
  'swarm.join': request<SwarmStatus>()(
    z.strictObject({
      remoteAddr: managerAddr,
      token: joinToken,
      advertiseAddr: advertiseAddr.optional(),
      listenAddr: advertiseAddr.optional(),
    }),
  ),
  /** Without force, a manager is refused (leaving could lose the swarm's state): the UI asks again. */
  'swarm.leave': request<void>()(z.strictObject({ force: z.boolean().default(false) })),
  /** The join tokens: only asked for when the user shows them. */
  'swarm.joinTokens': request<JoinTokens>()(none),
  /** A new token for `role`: the old one no longer joins (nodes already in stay). */
  'swarm.rotateToken': request<JoinTokens>()(z.strictObject({ role: z.enum(['worker', 'manager']) })),
  'swarm.tasks': request<SwarmTask[]>()(
    z.strictObject({ service: swarmRef.optional(), stack: stackName.optional(), node: swarmRef.optional() }),
  ),
  'swarm.networkUse': request<SwarmNetworkUse[]>()(none),

  'nodes.list': request<SwarmNode[]>()(none),
  /** Availability, role (promote / demote) and labels; what is absent stays. */
  'nodes.update': request<SwarmNode>()(
    z.strictObject({
      id: swarmRef,
      availability: z.enum(['active', 'pause', 'drain']).optional(),
      role: z.enum(['manager', 'worker']).optional(),
      labels: z
        .record(z.string().min(1, 'A label needs a key.').max(256), z.string().max(4096))
        .superRefine(sized(labelsProblem))
        .optional(),
    }),
  ),
  /** Only a node that is down (gone from the swarm) is removed; one still up is refused with what to do. */
  'nodes.remove': request<void>()(byId),

  'services.list': request<SwarmService[]>()(none),
  'services.inspect': request<ServiceDetails>()(byId),
  'services.create': request<{ id: string; name: string; warnings: string[] }>()(serviceSpec),
  /** New settings start a rolling update (force: replace the tasks even when nothing changed). */
  'services.update': request<{ warnings: string[] }>()(
    z.strictObject({ id: swarmRef, spec: serviceSpec, force: z.boolean().default(false) }),
  ),
  'services.scale': request<void>()(
    z.strictObject({
      id: swarmRef,
      replicas: z
        .number({ error: 'Replicas is a whole number.' })
        .int('Replicas is a whole number.')
        .min(0, 'Replicas is 0 or more.')
        .max(10_000, 'Replicas is at most 10000.'),
    }),
  ),
  /** Back to the settings before the last update. */
  'services.rollback': request<void>()(byId),
  'services.remove': request<void>()(byId),

  'stacks.list': request<SwarmStack[]>()(none),
  /** `docker stack deploy` as a task: from compose files on this machine, or from compose text. Deploying again updates it. */
  'stacks.deploy': request<TaskInfo>()(
    z
      .strictObject({
        name: stackName,
        files: z.array(composeFilePath).min(1).max(8).optional(),
        compose: z
          .string()
          .min(1, 'Paste a compose file.')
          .max(1024 * 1024, 'A compose file is at most 1 MB.')
          .optional(),
        /** Ask the registry for each image's digest, as `--resolve-image` does (never: each node uses its own image). */
        resolveImage: z.enum(['always', 'changed', 'never']).default('always'),
      })
      .refine((a) => (a.files === undefined) !== (a.compose === undefined), 'Give compose files or compose text.'),
  ),
  /** `docker stack rm`: its services, networks, secrets and configs. */
  'stacks.remove': request<void>()(z.strictObject({ name: stackName })),

  'secrets.list': request<SwarmData[]>()(none),
  /** The value is never returned, shown or logged again. */
  'secrets.create': request<{ id: string; name: string }>()(swarmDataSpec),
  'secrets.remove': request<void>()(byId),
  'configs.list': request<SwarmData[]>()(none),
  'configs.create': request<{ id: string; name: string }>()(swarmDataSpec),
  'configs.remove': request<void>()(byId),
};

export const swarmSubscriptions = {
  /** Services' logs across all their tasks (and nodes), interleaved by time, each line tagged with its task. */
  'services.logs': subscription<ServiceLogLine>()(
    z.strictObject({
      services: z.array(swarmRef).min(1).max(100),
      tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(1000),
      follow: z.boolean().default(true),
    }),
  ),
};
