// A swarm service's settings as Berth's form and contract speak them (the engine's ServiceSpec is made
// from this in the facade): every check that needs no engine is here, with a sentence at the field.
import { z } from 'zod';
import { absolutePath, commandWords, envList, imageRef, labelMap, nameRule, objectName, port } from '../../rules';
import { contradiction, parseConstraint, type Constraint } from '../../swarm-constraints';

/** Letters, digits, "-" and "_", starting and ending with a letter or digit. */
export const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[a-zA-Z0-9]+)*$/;

/** swarmkit's rule: a DNS label (tasks are named service.slot, so no "."), at most 63 characters. */
export const serviceName = nameRule(SERVICE_NAME, 63, {
  empty: 'Give the service a name.',
  long: 'A service name has at most 63 characters.',
  rule: 'A service name uses letters, digits, "-" and "_", starts and ends with a letter or digit (no ".").',
});

/** swarmkit's rule for secret and config names. */
export const swarmDataName = nameRule(/^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/, 64, {
  empty: 'Give a name.',
  long: 'A name has at most 64 characters.',
  rule: 'A name uses letters, digits, "_", "." and "-", and starts and ends with a letter or digit.',
});

/** A service, node, task, secret or config as the engine names it: an id or a name. */
export const swarmRef = z
  .string()
  .min(1, 'Give a name or an id.')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A name or id uses letters, digits, "_", "." and "-".');

export const serviceModes = ['replicated', 'global', 'replicated-job', 'global-job'] as const;

const seconds = (what: string) =>
  z
    .number({ error: `${what} is a number of seconds.` })
    .min(0, `${what} is 0 seconds or more.`)
    .max(7 * 24 * 3600, `${what} is at most a week.`);

const count = (what: string, max: number) =>
  z
    .number({ error: `${what} is a whole number.` })
    .int(`${what} is a whole number.`)
    .min(0, `${what} is 0 or more.`)
    .max(max, `${what} is at most ${max}.`);

export const rolloutConfig = z.strictObject({
  /** Tasks replaced at once; 0 means all at once. */
  parallelism: count('Parallelism', 10_000).default(1),
  delaySeconds: seconds('The delay').default(0),
  failureAction: z.enum(['pause', 'continue', 'rollback']).default('pause'),
  monitorSeconds: seconds('The monitoring time').default(5),
  maxFailureRatio: z
    .number({ error: 'The failure ratio is a number from 0 to 1.' })
    .min(0, 'The failure ratio is a number from 0 to 1.')
    .max(1, 'The failure ratio is a number from 0 to 1.')
    .default(0),
  order: z.enum(['stop-first', 'start-first']).default('stop-first'),
});
export type RolloutConfig = z.input<typeof rolloutConfig>;

const cpus = z
  .number({ error: 'CPUs is a number, e.g. 0.5.' })
  .min(0.001, 'CPUs is more than 0, e.g. 0.5.')
  .max(1024, 'CPUs is at most 1024.');
const memory = z
  .number({ error: 'Memory is a size, e.g. 256m or 1g.' })
  .int('Memory is a whole number of bytes.')
  .min(6 * 1024 * 1024, 'Memory is at least 6 MB (the engine refuses less).')
  .max(2 ** 50, 'Memory is at most 1 PB.');

export const servicePortSpec = z.strictObject({
  target: port,
  /** Absent: the swarm picks one (ingress mode) or none is published on the node (host mode). */
  published: port.optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  /** ingress: the routing mesh, on every node; host: only on the nodes running a task. */
  mode: z.enum(['ingress', 'host']).default('ingress'),
});

export const serviceMountSpec = z
  .strictObject({
    type: z.enum(['volume', 'bind', 'tmpfs']).default('volume'),
    /** A volume name (empty: a new anonymous volume), an absolute host path for a bind; none for tmpfs. */
    source: z.string().max(4096).default(''),
    target: absolutePath,
    readOnly: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['source'] });
    if (m.type === 'bind' && !m.source.startsWith('/'))
      problem('A bind mount needs an absolute path on the node, e.g. /srv/data.');
    if (m.type === 'volume' && m.source && !objectName.safeParse(m.source).success)
      problem('A volume name uses letters, digits, "_", "." and "-" (or leave it empty for a new volume).');
    if (m.type === 'tmpfs' && m.source) problem('A tmpfs mount has no source: leave it empty.');
  });

export const constraintLine = z.string().superRefine((line, ctx) => {
  const c = parseConstraint(line);
  if (typeof c === 'string') ctx.addIssue({ code: 'custom', message: c });
});

const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\0]+$/, 'A file name under /run/secrets has no "/".');

export const serviceSpec = z
  .strictObject({
    name: serviceName,
    image: imageRef,
    mode: z.enum(serviceModes).default('replicated'),
    /** Replicated: tasks to run. Replicated job: completions wanted. */
    replicas: count('Replicas', 10_000).optional(),
    /** Replicated job: tasks at once. */
    maxConcurrent: count('Tasks at once', 10_000).optional(),
    /** Arguments to the image's entrypoint (like a command after the image in docker run). */
    command: commandWords.optional(),
    env: envList,
    ports: z.array(servicePortSpec).max(256, 'A service publishes at most 256 ports.').default([]),
    mounts: z.array(serviceMountSpec).max(256, 'A service has at most 256 mounts.').default([]),
    /** Swarm-scoped networks to attach, by name. */
    networks: z.array(objectName).max(64).default([]),
    /** vip: one virtual IP balanced by the routing mesh; dnsrr: the name resolves to every task. */
    endpointMode: z.enum(['vip', 'dnsrr']).default('vip'),
    restart: z
      .strictObject({
        condition: z.enum(['none', 'on-failure', 'any']).default('any'),
        delaySeconds: seconds('The restart delay').default(5),
        /** 0: no limit. */
        maxAttempts: count('Attempts', 1_000_000).default(0),
        windowSeconds: seconds('The window').default(0),
      })
      .prefault({}),
    update: rolloutConfig.prefault({}),
    rollback: rolloutConfig.prefault({}),
    resources: z
      .strictObject({
        cpuLimit: cpus.optional(),
        memoryLimit: memory.optional(),
        cpuReservation: cpus.optional(),
        memoryReservation: memory.optional(),
      })
      .prefault({}),
    constraints: z.array(constraintLine).max(64, 'A service has at most 64 constraints.').default([]),
    secrets: z
      .array(z.strictObject({ name: swarmDataName, target: fileName.optional() }))
      .max(100)
      .default([]),
    configs: z
      .array(z.strictObject({ name: swarmDataName, target: absolutePath.optional() }))
      .max(100)
      .default([]),
    labels: labelMap,
  })
  .superRefine((s, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    if (s.mode === 'global' || s.mode === 'global-job') {
      if (s.replicas !== undefined)
        issue('A global service runs one task on each node: it takes no number of replicas.', ['replicas']);
    }
    if (s.mode !== 'replicated-job' && s.maxConcurrent !== undefined)
      issue('Tasks at once is for replicated jobs only.', ['maxConcurrent']);
    const seen = new Map<string, number>();
    s.ports.forEach((p, i) => {
      if (p.published === undefined) return;
      const key = `${p.published}/${p.protocol}`;
      const first = seen.get(key);
      if (first !== undefined)
        issue(`Port ${key} is published twice (rows ${first + 1} and ${i + 1}); a port can be published once.`, [
          'ports',
          i,
          'published',
        ]);
      else seen.set(key, i);
    });
    const targets = new Map<string, number>();
    s.mounts.forEach((m, i) => {
      const first = targets.get(m.target);
      if (first !== undefined)
        issue(`Mounts ${first + 1} and ${i + 1} both mount at ${m.target}.`, ['mounts', i, 'target']);
      else targets.set(m.target, i);
    });
    const parsed = s.constraints.map(parseConstraint).filter((c): c is Constraint => typeof c !== 'string');
    const never = parsed.length === s.constraints.length ? contradiction(parsed) : undefined;
    if (never) issue(never, ['constraints']);
    const { cpuLimit, cpuReservation, memoryLimit, memoryReservation } = s.resources;
    if (cpuLimit !== undefined && cpuReservation !== undefined && cpuReservation > cpuLimit)
      issue('The CPUs reserved are more than the limit: a task could never get them.', ['resources', 'cpuReservation']);
    if (memoryLimit !== undefined && memoryReservation !== undefined && memoryReservation > memoryLimit)
      issue('The memory reserved is more than the limit: a task could never get it.', [
        'resources',
        'memoryReservation',
      ]);
    if (s.rollback.failureAction === 'rollback')
      issue('A failed rollback can pause or continue; it cannot roll back again.', ['rollback', 'failureAction']);
    if (new Set(s.secrets.map((x) => x.target ?? x.name)).size < s.secrets.length)
      issue('Two secrets would be the same file; give them different file names.', ['secrets']);
    if (new Set(s.configs.map((x) => x.target ?? `/${x.name}`)).size < s.configs.length)
      issue('Two configs would be the same file; give them different paths.', ['configs']);
  });
export type ServiceSpecInput = z.input<typeof serviceSpec>;
export type ServiceSpecValue = z.output<typeof serviceSpec>;
