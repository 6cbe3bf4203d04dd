// The service form's model: what the user typed → the contract's service settings, the contract's own
// checks as sentences keyed by field ('replicas', 'ports.1.published', 'constraints'), and a service's
// current settings back into the form for an update.
import {
  serviceSpec,
  type RolloutConfig,
  type ServiceMode,
  type ServiceSpecInput,
} from '../../../../shared/contract/areas/swarm';
import { splitCommand } from '../containers/run-form';

export interface PortRow {
  published: string;
  target: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  mode: 'ingress' | 'host';
}
export interface MountRow {
  type: 'volume' | 'bind' | 'tmpfs';
  source: string;
  target: string;
  readOnly: boolean;
}
/** A secret (file name under /run/secrets) or a config (absolute path); target empty: the default. */
export interface RefRow {
  name: string;
  target: string;
}
export interface RolloutForm {
  parallelism: string;
  delay: string;
  failureAction: 'pause' | 'continue' | 'rollback';
  monitor: string;
  maxFailureRatio: string;
  order: 'stop-first' | 'start-first';
}

export interface ServiceForm {
  name: string;
  image: string;
  mode: ServiceMode;
  replicas: string;
  maxConcurrent: string;
  command: string;
  env: string;
  ports: PortRow[];
  mounts: MountRow[];
  networks: string[];
  endpointMode: 'vip' | 'dnsrr';
  restart: { condition: 'none' | 'on-failure' | 'any'; delay: string; maxAttempts: string; window: string };
  update: RolloutForm;
  rollback: RolloutForm;
  resources: { cpuLimit: string; memoryLimit: string; cpuReservation: string; memoryReservation: string };
  constraints: string;
  secrets: RefRow[];
  configs: RefRow[];
  /** Kept as they are (a stack's label among them): the form does not edit labels. */
  labels: Record<string, string>;
}

const rollout = (): RolloutForm => ({
  parallelism: '1',
  delay: '0',
  failureAction: 'pause',
  monitor: '5',
  maxFailureRatio: '0',
  order: 'stop-first',
});

export const emptyServiceForm = (image = ''): ServiceForm => ({
  name: '',
  image,
  mode: 'replicated',
  replicas: '1',
  maxConcurrent: '1',
  command: '',
  env: '',
  ports: [],
  mounts: [],
  networks: [],
  endpointMode: 'vip',
  restart: { condition: 'any', delay: '5', maxAttempts: '0', window: '0' },
  update: rollout(),
  rollback: rollout(),
  resources: { cpuLimit: '', memoryLimit: '', cpuReservation: '', memoryReservation: '' },
  constraints: '',
  secrets: [],
  configs: [],
  labels: {},
});

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "256m", "1.5g", "1048576" → bytes; anything else → NaN (the contract then says how to write it). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt])?i?b?\s*$/i.exec(text);
  if (!m) return NaN;
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

/** Bytes as the largest whole unit: 268435456 → "256m". */
export function formatSize(bytes: number): string {
  for (const u of ['t', 'g', 'm', 'k'] as const) if (bytes % UNITS[u]! === 0) return `${bytes / UNITS[u]!}${u}`;
  return String(bytes);
}

/** A number field: empty → undefined, else the number (NaN when it is none, so the contract says so). */
const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function rolloutSpec(r: RolloutForm): RolloutConfig {
  return {
    parallelism: num(r.parallelism) ?? 1,
    delaySeconds: num(r.delay) ?? 0,
    failureAction: r.failureAction,
    monitorSeconds: num(r.monitor) ?? 5,
    maxFailureRatio: num(r.maxFailureRatio) ?? 0,
    order: r.order,
  };
}

const size = (text: string) => (text.trim() ? parseSize(text) : undefined);
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function toSpec(f: ServiceForm): ServiceSpecInput {
  const command = splitCommand(f.command);
  const replicated = f.mode === 'replicated' || f.mode === 'replicated-job';
  return defined({
    name: f.name.trim(),
    image: f.image.trim(),
    mode: f.mode,
    replicas: replicated ? (num(f.replicas) ?? NaN) : undefined,
    maxConcurrent: f.mode === 'replicated-job' ? (num(f.maxConcurrent) ?? NaN) : undefined,
    command: command.length ? command : undefined,
    env: lines(f.env),
    ports: f.ports.map((p) =>
      defined({
        target: num(p.target) ?? NaN,
        published: num(p.published),
        protocol: p.protocol,
        mode: p.mode,
      }),
    ),
    mounts: f.mounts.map((m) => ({
      type: m.type,
      source: m.source.trim(),
      target: m.target.trim(),
      readOnly: m.readOnly,
    })),
    networks: f.networks,
    endpointMode: f.endpointMode,
    restart: {
      condition: f.restart.condition,
      delaySeconds: num(f.restart.delay) ?? 5,
      maxAttempts: num(f.restart.maxAttempts) ?? 0,
      windowSeconds: num(f.restart.window) ?? 0,
    },
    update: rolloutSpec(f.update),
    rollback: rolloutSpec(f.rollback),
    resources: defined({
      cpuLimit: num(f.resources.cpuLimit),
      memoryLimit: size(f.resources.memoryLimit),
      cpuReservation: num(f.resources.cpuReservation),
      memoryReservation: size(f.resources.memoryReservation),
    }),
    constraints: lines(f.constraints),
    secrets: f.secrets.map((s) => defined({ name: s.name, target: s.target.trim() || undefined })),
    configs: f.configs.map((s) => defined({ name: s.name, target: s.target.trim() || undefined })),
    labels: f.labels,
  });
}

const str = (n: number | undefined, fallback = '') => (n === undefined ? fallback : String(n));
const rolloutForm = (r: RolloutConfig | undefined): RolloutForm => ({
  parallelism: str(r?.parallelism, '1'),
  delay: str(r?.delaySeconds, '0'),
  failureAction: r?.failureAction ?? 'pause',
  monitor: str(r?.monitorSeconds, '5'),
  maxFailureRatio: str(r?.maxFailureRatio, '0'),
  order: r?.order ?? 'stop-first',
});

/** Quotes a word for the command field when it needs it. */
const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** A service's current settings as the form shows them. */
export function formFromSpec(s: ServiceSpecInput): ServiceForm {
  const r = s.resources ?? {};
  return {
    name: s.name,
    image: s.image,
    mode: s.mode ?? 'replicated',
    replicas: str(s.replicas, '1'),
    maxConcurrent: str(s.maxConcurrent, '1'),
    command: (s.command ?? []).map(quote).join(' '),
    env: (s.env ?? []).join('\n'),
    ports: (s.ports ?? []).map((p) => ({
      published: str(p.published),
      target: str(p.target),
      protocol: p.protocol ?? 'tcp',
      mode: p.mode ?? 'ingress',
    })),
    mounts: (s.mounts ?? []).map((m) => ({
      type: m.type ?? 'volume',
      source: m.source ?? '',
      target: m.target,
      readOnly: !!m.readOnly,
    })),
    networks: s.networks ?? [],
    endpointMode: s.endpointMode ?? 'vip',
    restart: {
      condition: s.restart?.condition ?? 'any',
      delay: str(s.restart?.delaySeconds, '5'),
      maxAttempts: str(s.restart?.maxAttempts, '0'),
      window: str(s.restart?.windowSeconds, '0'),
    },
    update: rolloutForm(s.update),
    rollback: rolloutForm(s.rollback),
    resources: {
      cpuLimit: str(r.cpuLimit),
      memoryLimit: r.memoryLimit ? formatSize(r.memoryLimit) : '',
      cpuReservation: str(r.cpuReservation),
      memoryReservation: r.memoryReservation ? formatSize(r.memoryReservation) : '',
    },
    constraints: (s.constraints ?? []).join('\n'),
    secrets: (s.secrets ?? []).map((x) => ({ name: x.name, target: x.target ?? '' })),
    configs: (s.configs ?? []).map((x) => ({ name: x.name, target: x.target ?? '' })),
    labels: s.labels ?? {},
  };
}

const ROW_NOUN: Record<string, string> = {
  ports: 'Port',
  mounts: 'Mount',
  secrets: 'Secret',
  configs: 'Config',
  env: 'Line',
  constraints: 'Line',
};

/**
 * The contract's refusals of the form as sentences keyed by field path ('name', 'ports.1.published'),
 * the first one per field; a row's sentence says which row ("Port 2: …"). Empty when the form may go.
 */
export function checkServiceForm(f: ServiceForm): Record<string, string> {
  const result = serviceSpec.safeParse(toSpec(f));
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    if (out[key]) continue;
    const [group, row] = issue.path;
    const noun = typeof group === 'string' ? ROW_NOUN[group] : undefined;
    out[key] = noun && typeof row === 'number' ? `${noun} ${row + 1}: ${issue.message}` : issue.message;
  }
  return out;
}

/** The form's sections, by the first part of a field path; a server refusal naming none goes to 'form'. */
const GROUPS = [
  'name',
  'image',
  'mode',
  'replicas',
  'maxConcurrent',
  'command',
  'env',
  'ports',
  'mounts',
  'networks',
  'endpointMode',
  'restart',
  'update',
  'rollback',
  'resources',
  'constraints',
  'secrets',
  'configs',
];

export function groupOf(field: string | undefined): string {
  const head = field?.split('.')[0];
  return head && GROUPS.includes(head) ? head : 'form';
}
