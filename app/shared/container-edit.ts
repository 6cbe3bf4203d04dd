// What an edit of a container changes, field by field, and whether the engine can apply it in place
// (restart policy and resources) or the container must be recreated. Used by the form to show the
// change before it is made, and by the engine facade to decide how to make it.
export interface EditableSettings {
  command: string[];
  env: string[];
  ports: { containerPort: number; hostPort?: number | undefined; hostIp?: string | undefined; protocol: string }[];
  volumes: { source: string; target: string; readOnly: boolean }[];
  network: string;
  restart: string;
  labels: Record<string, string>;
  memory: number;
  cpus: number;
}

export interface EditChange {
  field: keyof EditableSettings;
  label: string;
  /** What is there now and what will be, one entry per item (port, variable, mount, label …). */
  removed: string[];
  added: string[];
  /** The engine changes this without recreating the container. */
  inPlace: boolean;
}

const LABELS: Record<keyof EditableSettings, string> = {
  command: 'Command',
  env: 'Environment',
  ports: 'Published ports',
  volumes: 'Volumes and bind mounts',
  network: 'Network',
  restart: 'Restart policy',
  labels: 'Labels',
  memory: 'Memory limit',
  cpus: 'CPU limit',
};
const IN_PLACE = new Set<keyof EditableSettings>(['restart', 'memory', 'cpus']);

export function formatMemory(bytes: number): string {
  if (!bytes) return 'no limit';
  const mib = bytes / 1024 / 1024;
  return mib >= 1024 && Number.isInteger(mib / 1024) ? `${mib / 1024} GiB` : `${+mib.toFixed(1)} MiB`;
}

/** Each setting as a list of comparable, readable items. */
function items(s: EditableSettings, field: keyof EditableSettings): string[] {
  switch (field) {
    case 'command':
      return s.command.length
        ? [s.command.map((w) => (/[\s"']/.test(w) ? JSON.stringify(w) : w)).join(' ')]
        : ["the image's default"];
    case 'env':
      return [...s.env];
    case 'ports':
      return s.ports.map(
        (p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort ?? 'any port'} → ${p.containerPort}/${p.protocol}`,
      );
    case 'volumes':
      return s.volumes.map((v) => `${v.source} → ${v.target}${v.readOnly ? ' (read-only)' : ''}`);
    case 'labels':
      return Object.entries(s.labels).map(([k, v]) => `${k}=${v}`);
    case 'memory':
      return [formatMemory(s.memory)];
    case 'cpus':
      return [s.cpus ? `${s.cpus} CPU${s.cpus === 1 ? '' : 's'}` : 'no limit'];
    case 'network':
    case 'restart':
      return [String(s[field])];
  }
}

/** The changes from `before` to `after`, in the form's order; empty when nothing changes. */
export function editChanges(before: EditableSettings, after: EditableSettings): EditChange[] {
  const out: EditChange[] = [];
  for (const field of Object.keys(LABELS) as (keyof EditableSettings)[]) {
    const a = items(before, field);
    const b = items(after, field);
    const ordered = field === 'command';
    const same =
      ordered || field === 'memory' || field === 'cpus' || field === 'network' || field === 'restart'
        ? a.join('\n') === b.join('\n')
        : a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
    if (same) continue;
    const single = ordered || field === 'memory' || field === 'cpus' || field === 'network' || field === 'restart';
    out.push({
      field,
      label: LABELS[field],
      removed: single ? a : a.filter((x) => !b.includes(x)),
      added: single ? b : b.filter((x) => !a.includes(x)),
      // The engine's update takes a new limit; removing one (0) needs a new container.
      inPlace: IN_PLACE.has(field) && (field === 'restart' || Number(after[field]) > 0),
    });
  }
  return out;
}

/** Whether applying these changes recreates the container (anything beyond restart policy and resources). */
export const needsRecreate = (changes: readonly EditChange[]): boolean => changes.some((c) => !c.inPlace);
