// The settings dockerd 20.10 reads from daemon.json on Linux, each with the shape dockerd expects.
// Every issue message is a clause that follows the setting's name ("must be …", "is …").
import { z } from 'zod';
import {
  cidrProblem,
  ipProblem,
  logDriverProblem,
  logOptProblem,
  mirrorProblem,
  registryHostProblem,
  sizeProblem,
} from './values';

type Problem = (s: string) => string | undefined;

const text = (like?: string) =>
  z.string({ error: `must be text in double quotes${like ? `, like ${JSON.stringify(like)}` : ''}` });
const checked = (problem: Problem, like: string) =>
  text(like).superRefine((s, ctx) => {
    const p = problem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });
const oneOf = (values: readonly string[]) =>
  text(values[0]).refine((s) => values.includes(s), {
    error: (iss) => `is ${JSON.stringify(iss.input)}, not one of ${values.map((v) => `"${v}"`).join(', ')}`,
  });
const flag = () => z.boolean({ error: 'must be true or false, without quotes' });
const whole = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: 'must be a whole number, without quotes' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const list = (item: z.ZodType, like: string) => z.array(item, { error: `must be a list, like ${like}` });
const texts = (like = '["value"]') => list(text(), like);
const map = (value: z.ZodType, like: string) =>
  z.record(z.string(), value, { error: `must be an object, like ${like}` });
const loose = (like: string) => map(z.unknown(), like);

const pool = z
  .strictObject(
    {
      base: checked(cidrProblem, '10.20.0.0/16'),
      size: whole(1, 128),
    },
    { error: 'must be an object like {"base": "10.20.0.0/16", "size": 24}' },
  )
  .superRefine((p, ctx) => {
    const prefix = Number(p.base.split('/')[1]);
    if (p.size < prefix)
      ctx.addIssue({
        code: 'custom',
        path: ['size'],
        message: `is ${p.size}: each network cut from ${p.base} must be /${prefix} or smaller, so the size is at least ${prefix}`,
      });
  });

const logOpts = map(text('10m'), '{"max-size": "10m", "max-file": "3"}').superRefine((opts, ctx) => {
  for (const [name, value] of Object.entries(opts)) {
    const p = logOptProblem(name, String(value));
    if (p) ctx.addIssue({ code: 'custom', path: [name], message: p });
  }
});

const ulimit = z.object(
  {
    Name: text('nofile'),
    Hard: z.number({ error: 'must be a number' }),
    Soft: z.number({ error: 'must be a number' }),
  },
  { error: 'must be an object like {"Name": "nofile", "Hard": 65536, "Soft": 1024}' },
);

const runtime = z.object(
  { path: text('/usr/bin/runsc'), runtimeArgs: texts().optional() },
  { error: 'must be an object like {"path": "/usr/bin/runsc"}' },
);

const label = checked((s) => (/^[^=]+=/.test(s) ? undefined : `is "${s}", not a label like "zone=eu"`), 'zone=eu');

/** Every key dockerd 20.10 accepts in daemon.json on Linux, with its shape. */
export const daemonKeys: Record<string, z.ZodType> = {
  'allow-nondistributable-artifacts': list(
    checked(registryHostProblem, 'registry.local:5000'),
    '["registry.local:5000"]',
  ),
  'api-cors-header': text(),
  'authorization-plugins': texts('["my-plugin"]'),
  bip: checked(cidrProblem, '172.30.0.1/16'),
  bridge: text('docker0'),
  builder: loose('{"gc": {"enabled": true}}'),
  'cgroup-parent': text('docker'),
  'cluster-advertise': text(),
  'cluster-store': text(),
  'cluster-store-opts': map(text(), '{"kv.path": "/docker"}'),
  containerd: text('/run/containerd/containerd.sock'),
  'containerd-namespace': text('moby'),
  'containerd-plugins-namespace': text('plugins.moby'),
  'cpu-rt-period': whole(0),
  'cpu-rt-runtime': whole(0),
  'cri-containerd': flag(),
  'data-root': text('/var/lib/docker'),
  debug: flag(),
  'default-address-pools': list(pool, '[{"base": "10.20.0.0/16", "size": 24}]'),
  'default-cgroupns-mode': oneOf(['private', 'host']),
  'default-gateway': checked((s) => ipProblem(s, 4), '172.30.0.1'),
  'default-gateway-v6': checked((s) => ipProblem(s, 6), 'fd00::1'),
  'default-ipc-mode': oneOf(['private', 'shareable']),
  'default-runtime': text('runc'),
  'default-shm-size': checked(sizeProblem, '64M'),
  'default-ulimits': map(ulimit, '{"nofile": {"Name": "nofile", "Hard": 65536, "Soft": 1024}}'),
  dns: list(checked(ipProblem, '1.1.1.1'), '["1.1.1.1"]'),
  'dns-opts': texts('["ndots:2"]'),
  'dns-search': texts('["example.com"]'),
  'exec-opts': texts('["native.cgroupdriver=systemd"]'),
  'exec-root': text('/var/run/docker'),
  experimental: flag(),
  features: map(flag(), '{"buildkit": true}'),
  'fixed-cidr': checked(cidrProblem, '172.30.1.0/24'),
  'fixed-cidr-v6': checked(cidrProblem, 'fd00:1::/64'),
  group: text('docker'),
  hosts: texts('["unix:///var/run/docker.sock"]'),
  icc: flag(),
  init: flag(),
  'init-path': text('/usr/libexec/docker-init'),
  ip: checked(ipProblem, '0.0.0.0'),
  'ip-forward': flag(),
  'ip-masq': flag(),
  iptables: flag(),
  ip6tables: flag(),
  ipv6: flag(),
  labels: list(label, '["zone=eu"]'),
  'live-restore': flag(),
  'log-driver': checked(logDriverProblem, 'json-file'),
  'log-level': oneOf(['debug', 'info', 'warn', 'error', 'fatal']),
  'log-opts': logOpts,
  'max-concurrent-downloads': whole(1),
  'max-concurrent-uploads': whole(1),
  'max-download-attempts': whole(1),
  'metrics-addr': text('127.0.0.1:9323'),
  mtu: whole(0, 65535),
  'network-control-plane-mtu': whole(0, 65535),
  'no-new-privileges': flag(),
  'node-generic-resources': texts('["gpu=1"]'),
  'oom-score-adjust': whole(-1000, 1000),
  pidfile: text('/var/run/docker.pid'),
  'raw-logs': flag(),
  'registry-mirrors': list(checked(mirrorProblem, 'https://mirror.gcr.io'), '["https://mirror.gcr.io"]'),
  'insecure-registries': list(checked(registryHostProblem, 'registry.local:5000'), '["registry.local:5000"]'),
  runtimes: map(runtime, '{"runsc": {"path": "/usr/bin/runsc"}}'),
  'seccomp-profile': text('/etc/docker/seccomp.json'),
  'selinux-enabled': flag(),
  'shutdown-timeout': whole(0),
  'storage-driver': text('overlay2'),
  'storage-opts': texts('["overlay2.override_kernel_check=true"]'),
  'swarm-default-advertise-addr': text('eth0'),
  tls: flag(),
  tlscacert: text(),
  tlscert: text(),
  tlskey: text(),
  tlsverify: flag(),
  'userland-proxy': flag(),
  'userland-proxy-path': text('/usr/bin/docker-proxy'),
  'userns-remap': text('default'),
};

/** The log drivers whose plugin must be installed first: a warning, not a problem. */
export function isPluginLogDriver(v: unknown): v is string {
  return typeof v === 'string' && v.includes('/') && logDriverProblem(v) === undefined;
}

/** "registry-mirrors[0]", "log-opts.max-size", from a zod path under a key. */
export function pathText(key: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), key);
}

/** Levenshtein distance, for "did you mean" on an unknown key. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function nearestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of Object.keys(daemonKeys)) {
    const d = distance(key.toLowerCase(), k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}
