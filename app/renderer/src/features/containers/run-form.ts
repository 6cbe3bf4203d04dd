// The run form's model: what the user typed → a RunSpec, and per-field sentences as they type.
import type { RunSpec } from '../../../../shared/contract';
import { absolutePath, containerName, envVar, firstIssue, imageRef, port } from '../../../../shared/rules';

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
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const envLines = (env: string) =>
  env
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Sentences keyed by field path ('image', 'name', 'ports.0.hostPort', …). Empty when valid. */
export function validateForm(f: RunForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = (key: string, msg: string | undefined) => {
    if (msg) errors[key] = msg;
  };
  check('image', firstIssue(imageRef.safeParse(f.image.trim())));
  if (f.name.trim()) check('name', firstIssue(containerName.safeParse(f.name.trim())));
  envLines(f.env).forEach((l, i) =>
    check(`env.${i}`, firstIssue(envVar.safeParse(l)) && `Line ${i + 1}: ${firstIssue(envVar.safeParse(l))}`),
  );
  f.ports.forEach((p, i) => {
    if (p.hostPort.trim()) check(`ports.${i}.hostPort`, firstIssue(port.safeParse(Number(p.hostPort))));
    check(
      `ports.${i}.containerPort`,
      firstIssue(port.safeParse(p.containerPort.trim() ? Number(p.containerPort) : NaN)),
    );
  });
  f.volumes.forEach((v, i) => {
    if (!v.source.trim()) errors[`volumes.${i}.source`] = 'Give a volume name or an absolute host path.';
    else if (v.source.includes('/') && !v.source.startsWith('/'))
      errors[`volumes.${i}.source`] = 'A host path must be absolute (start with "/").';
    check(`volumes.${i}.target`, firstIssue(absolutePath.safeParse(v.target.trim())));
  });
  return errors;
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

/** Which visible field an error from the server concerns ('ports.0.hostPort' → 'ports'). */
export function fieldGroup(field: string | undefined): string {
  if (!field) return 'form';
  const [head] = field.split('.');
  return head === 'command' ||
    head === 'env' ||
    head === 'image' ||
    head === 'name' ||
    head === 'ports' ||
    head === 'volumes' ||
    head === 'network'
    ? head
    : 'form';
}
