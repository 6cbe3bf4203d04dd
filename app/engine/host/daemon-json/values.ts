// The shapes of daemon.json values, as dockerd 20.10 reads them: addresses, CIDRs, registry hosts,
// mirror URLs, sizes. Each answers a clause that follows the key ("is not …"), or undefined.
import { isIP } from 'node:net';

const HOST_LABEL = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export function isHostName(s: string): boolean {
  return s.length <= 253 && s.split('.').every((l) => HOST_LABEL.test(l));
}

export function cidrProblem(s: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const family = m ? isIP(m[1]!) : 0;
  if (!m || !family) return `is "${s}", not a network in CIDR form like "10.20.0.0/16"`;
  const bits = Number(m[2]);
  if (bits > (family === 4 ? 32 : 128))
    return `is "${s}": an IPv${family} prefix length is at most ${family === 4 ? 32 : 128}`;
  return undefined;
}

const port = (p: string) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;

/** A registry as dockerd names it in insecure-registries: host[:port], [IPv6][:port], or a CIDR. */
export function registryHostProblem(s: string): string | undefined {
  if (s.includes('://'))
    return `is "${s}": give the registry as host[:port] without "${s.split('://')[0]}://", like "registry.local:5000"`;
  if (s.includes('/'))
    return cidrProblem(s) ? `is "${s}", neither host[:port] nor a CIDR like "10.0.0.0/8"` : undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return isIP(v6[1]!) === 6 && (v6[2] === undefined || port(v6[2])) ? undefined : `is "${s}", not [IPv6]:port`;
  const [host, p, ...rest] = s.split(':');
  if (rest.length || !host || !(isIP(host) === 4 || isHostName(host)) || (p !== undefined && !port(p)))
    return `is "${s}", not a registry host[:port] like "registry.local:5000" (a port is 1 to 65535)`;
  return undefined;
}

/** A registry mirror: http:// or https:// with a host, and nothing after it (dockerd's ValidateMirror). */
export function mirrorProblem(s: string): string | undefined {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return `is "${s}", not a URL: a mirror is an address like "https://mirror.gcr.io"`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `is "${s}": a mirror's address starts with https:// or http://`;
  if (u.username || u.password)
    return `is "${s}": a mirror's address carries no user name or password (sign in to the registry instead)`;
  if ((u.pathname !== '' && u.pathname !== '/') || u.search || u.hash)
    return `is "${s}": a mirror's address has no path, query or fragment, like "https://mirror.gcr.io"`;
  return undefined;
}

/** A size as dockerd's units parse it: "64M", "1.5g", "512kb", "100". */
export function sizeProblem(s: string): string | undefined {
  return /^\d+(\.\d+)?\s*([kmgtp]i?)?b?$/i.test(s.trim())
    ? undefined
    : `is "${s}", not a size like "64m", "512k" or "2g"`;
}

export function ipProblem(s: string, family?: 4 | 6): string | undefined {
  const f = isIP(s);
  if (!f || (family && f !== family)) return `is "${s}", not an IP${family ? `v${family}` : ''} address`;
  return undefined;
}

/** The log drivers built into dockerd on Linux. */
export const LOG_DRIVERS = [
  'json-file',
  'local',
  'journald',
  'syslog',
  'gelf',
  'fluentd',
  'awslogs',
  'splunk',
  'gcplogs',
  'logentries',
  'none',
] as const;

/** A log driver: built in, or a plugin reference (which must be installed). */
export function logDriverProblem(s: string): string | undefined {
  if ((LOG_DRIVERS as readonly string[]).includes(s)) return undefined;
  if (/^[a-z0-9][a-z0-9._/-]*(:[\w][\w.-]*)?$/.test(s) && s.includes('/')) return undefined;
  return `is "${s}", which is neither a log driver dockerd has (${LOG_DRIVERS.join(', ')}) nor a plugin like "grafana/loki-docker-driver:latest"`;
}

/** log-opts dockerd checks at start for the file-based drivers. */
export function logOptProblem(name: string, value: string): string | undefined {
  if (name === 'max-size') return sizeProblem(value);
  if (name === 'max-file' && !/^[1-9]\d*$/.test(value)) return `is "${value}", not a whole number of files like "3"`;
  if (name === 'compress' && value !== 'true' && value !== 'false') return `is "${value}", not "true" or "false"`;
  return undefined;
}
