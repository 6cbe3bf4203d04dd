// The run form's model: what the user typed → a RunSpec, per-field sentences, which of them to show,
// and what the image offers (its EXPOSEd ports).
import type { RunSpec } from '../../../../shared/contract';
import { absolutePath, containerName, envVar, firstIssue, imageRef, port } from '../../../../shared/rules';
import { splitWords } from './split-words';

export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}
export interface VolumeRow {
  source: string;
  target: string;
  readOnly: boolean;
}
export interface RunForm {
  image: string;
  name: string;
  command: string;
  env: string;
  ports: PortRow[];
  volumes: VolumeRow[];
  network: string;
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  autoRemove: boolean;
  tty: boolean;
}

export const emptyForm = (image = ''): RunForm => ({
  image,
  name: '',
  command: '',
  env: '',
  ports: [],
  volumes: [],
  network: '',
  restart: 'no',
  autoRemove: false,
  tty: false,
});

/** Splits a command line like a POSIX shell would for words and quotes (no expansion). */
export const splitCommand = (line: string): string[] => splitWords(line, { quotes: `"'`, escapes: true }).words;

const envLines = (env: string) =>
  env
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Sentences keyed by field path ('image', 'name', 'env.1', 'ports.0.hostPort', …). Empty when valid. */
export function validateForm(f: RunForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = (key: string, msg: string | undefined) => {
    if (msg) errors[key] = msg;
  };
  check('image', firstIssue(imageRef.safeParse(f.image.trim())));
  if (f.name.trim()) check('name', firstIssue(containerName.safeParse(f.name.trim())));
  envLines(f.env).forEach((l, i) => {
    const issue = firstIssue(envVar.safeParse(l));
    if (issue) errors[`env.${i}`] = `Line ${i + 1}: ${issue}`;
  });
  f.ports.forEach((p, i) => {
    const at = (which: string, msg: string | undefined) => msg && `Port ${i + 1}, ${which}: ${msg}`;
    if (p.hostPort.trim())
      check(`ports.${i}.hostPort`, at('host port', firstIssue(port.safeParse(Number(p.hostPort)))));
    check(
      `ports.${i}.containerPort`,
      at('container port', firstIssue(port.safeParse(p.containerPort.trim() ? Number(p.containerPort) : NaN))),
    );
  });
  f.volumes.forEach((v, i) => {
    const at = (msg: string) => `Mount ${i + 1}: ${msg}`;
    if (!v.source.trim()) errors[`volumes.${i}.source`] = at('Give a volume name or an absolute host path.');
    else if (v.source.includes('/') && !v.source.startsWith('/'))
      errors[`volumes.${i}.source`] = at('A host path must be absolute (start with "/").');
    const target = firstIssue(absolutePath.safeParse(v.target.trim()));
    if (target) errors[`volumes.${i}.target`] = at(target);
  });
  if (f.autoRemove && f.restart !== 'no')
    errors.restart = 'A container removed when it exits cannot also be restarted: choose "never", or keep it.';
  return errors;
}

/** The errors of one field or group ('env' → 'env.0', 'env.3' …), in order, that `visible` lets show. */
export function errorsOf(errors: Record<string, string>, group: string, visible: (key: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([k]) => (k === group || k.startsWith(`${group}.`)) && visible(k))
    .map(([, v]) => v);
}

/** Touched keys after row `index` of `group` is removed: that row's go, later rows move up one. */
export function withoutRow(touched: ReadonlySet<string>, group: string, index: number): Set<string> {
  const out = new Set<string>();
  for (const k of touched) {
    const m = new RegExp(`^${group}\\.(\\d+)(\\..*)?$`).exec(k);
    if (!m) out.add(k);
    else if (Number(m[1]) < index) out.add(k);
    else if (Number(m[1]) > index) out.add(`${group}.${Number(m[1]) - 1}${m[2] ?? ''}`);
  }
  return out;
}

/** The local reference a typed image names ("busybox" → "busybox:latest"), if the engine has it. */
export function localImage(typed: string, tags: readonly string[], ids: readonly string[] = []): string | undefined {
  const t = typed.trim();
  if (!t) return undefined;
  if (tags.includes(t)) return t;
  if (!/[:@]/.test(t.split('/').at(-1) ?? '') && tags.includes(`${t}:latest`)) return `${t}:latest`;
  const hex = t.replace(/^sha256:/, '');
  if (/^[0-9a-f]{12,64}$/.test(hex)) return ids.find((id) => id.replace(/^sha256:/, '').startsWith(hex));
  return undefined;
}

/** An image's EXPOSE entries ("80/tcp", "53/udp") not yet published by a row, as rows to add. */
export function exposedOffers(exposed: readonly string[], rows: readonly PortRow[]): PortRow[] {
  return exposed
    .map((e) => {
      const [num, proto = 'tcp'] = e.split('/');
      return { hostIp: '', hostPort: '', containerPort: num ?? '', protocol: proto === 'udp' ? 'udp' : 'tcp' } as const;
    })
    .filter((o) => /^\d+$/.test(o.containerPort))
    .filter((o) => !rows.some((r) => r.containerPort.trim() === o.containerPort && r.protocol === o.protocol));
}

export function toSpec(f: RunForm): RunSpec {
  const command = splitCommand(f.command);
  return {
    image: f.image.trim(),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(command.length ? { command } : {}),
    env: envLines(f.env),
    ports: f.ports.map((p) => ({
      containerPort: Number(p.containerPort),
      ...(p.hostPort.trim() ? { hostPort: Number(p.hostPort) } : {}),
      ...(p.hostIp.trim() ? { hostIp: p.hostIp.trim() } : {}),
      protocol: p.protocol,
    })),
    volumes: f.volumes.map((v) => ({ source: v.source.trim(), target: v.target.trim(), readOnly: v.readOnly })),
    ...(f.network ? { network: f.network } : {}),
    restart: f.restart,
    autoRemove: f.autoRemove,
    tty: f.tty,
    interactive: f.tty,
  };
}

const FIELDS = ['command', 'env', 'image', 'name', 'ports', 'volumes', 'network', 'restart'];

/** Which visible field an error from the server concerns ('ports.0.hostPort' → 'ports'); 'form' for none. */
export function fieldGroup(field: string | undefined): string {
  const head = field?.split('.')[0];
  return head && FIELDS.includes(head) ? head : 'form';
}
