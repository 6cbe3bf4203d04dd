// The edit form's model: a container's settings as typed fields, back to a spec, and per-field
// sentences (the run form's rules for ports, mounts, env and command; labels and limits here).
import type { ContainerEditInput, ContainerEditSpec } from '../../../../../../shared/contract';
import { emptyForm, splitCommand, toSpec, validateForm, type PortRow, type VolumeRow } from '../../run-form';

export interface EditForm {
  command: string;
  env: string;
  ports: PortRow[];
  volumes: VolumeRow[];
  network: string;
  restart: ContainerEditSpec['restart'];
  labels: string;
  /** MiB, empty = no limit. */
  memory: string;
  /** CPUs, empty = no limit. */
  cpus: string;
}

const MIB = 1024 * 1024;
const quote = (w: string) => (w === '' || /[\s"'\\]/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : w);

export function formOf(spec: ContainerEditSpec): EditForm {
  return {
    command: spec.command.map(quote).join(' '),
    env: spec.env.join('\n'),
    ports: spec.ports.map((p) => ({
      hostIp: p.hostIp ?? '',
      hostPort: p.hostPort ? String(p.hostPort) : '',
      containerPort: String(p.containerPort),
      protocol: p.protocol === 'udp' ? 'udp' : 'tcp',
    })),
    volumes: spec.volumes.map((v) => ({ ...v })),
    network: spec.network,
    restart: spec.restart,
    labels: Object.entries(spec.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    memory: spec.memory ? String(+(spec.memory / MIB).toFixed(3)) : '',
    cpus: spec.cpus ? String(spec.cpus) : '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function labelsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(text)) {
    const i = l.indexOf('=');
    out[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  return out;
}

/** Sentences keyed by field path ('env.1', 'ports.0.hostPort', 'memory' …); empty when valid. */
export function validateEditForm(f: EditForm): Record<string, string> {
  const errors = validateForm({ ...emptyForm('berth/edit:any'), ...f, labels: undefined } as never);
  lines(f.labels).forEach((l, i) => {
    if (l.startsWith('=')) errors[`labels.${i}`] = `Line ${i + 1}: a label needs a key before "=".`;
  });
  const mem = f.memory.trim();
  if (mem && !(Number(mem) >= 6 && Number(mem) <= 1024 * 1024))
    errors.memory = 'Give the memory limit in MiB, from 6 to 1048576, or leave it empty for no limit.';
  const cpus = f.cpus.trim();
  if (cpus && !(Number(cpus) > 0 && Number(cpus) <= 1024))
    errors.cpus = 'Give a number of CPUs above 0 (fractions allowed, e.g. 0.5), or leave it empty for no limit.';
  if (!f.network.trim()) errors.network = 'Choose a network.';
  return errors;
}

export function toEditSpec(f: EditForm): ContainerEditSpec {
  const run = toSpec({ ...emptyForm('berth/edit:any'), ...f });
  return {
    command: splitCommand(f.command),
    env: run.env ?? [],
    ports: (run.ports ?? []).map((p) => ({ ...p, protocol: p.protocol ?? 'tcp' })),
    volumes: (run.volumes ?? []).map((v) => ({ ...v, readOnly: v.readOnly ?? false })),
    network: f.network,
    restart: f.restart,
    labels: labelsOf(f.labels),
    memory: f.memory.trim() ? Math.round(Number(f.memory) * MIB) : 0,
    cpus: f.cpus.trim() ? Number(f.cpus) : 0,
  } satisfies ContainerEditInput;
}
