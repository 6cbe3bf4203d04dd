// Input checks for the image, volume and network facade, applied before anything reaches the engine.
// Image references follow Docker's reference grammar:
//   [domain[:port]/]path-component[/path-component…][:tag][@digest]
// where a path component is lowercase alphanumerics joined by ".", "_", "__" or runs of "-".
import { isIP, isIPv4 } from 'node:net';
import { BerthError } from '../../shared/errors';

function refuse(field: string, message: string): never {
  throw new BerthError({ kind: 'invalid', message, field });
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/;
const NAME_MAX = 255;

export interface ImageReference {
  /** Registry host[:port], when the reference names one (e.g. "127.0.0.1:5000"). */
  registry?: string;
  /** Repository path without registry, tag or digest (e.g. "library/busybox" or "busybox"). */
  path: string;
  /** Registry and path as written: what the engine calls the repository (e.g. "127.0.0.1:5000/app"). */
  repository: string;
  tag?: string;
  digest?: string;
}

function isDomain(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost' || part !== part.toLowerCase();
}

function checkDomain(domain: string, field: string, ref: string): void {
  const m = /^(.*?)(?::([0-9]+))?$/.exec(domain);
  const host = m?.[1] ?? '';
  const port = m?.[2];
  const bracketed = /^\[([0-9a-fA-F:]+)\]$/.exec(host);
  const hostOk = bracketed ? isIP(bracketed[1]!) === 6 : host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
  if (!hostOk || host === '')
    refuse(field, `"${ref}" is not a valid image reference: the registry "${domain}" is not a valid host name.`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    refuse(field, `"${ref}" is not a valid image reference: the registry port must be between 1 and 65535.`);
  if (domain.includes(':') && port === undefined && !bracketed)
    refuse(
      field,
      `"${ref}" is not a valid image reference: the registry "${domain}" has an empty or non-numeric port.`,
    );
}

/** Parses and checks an image reference; throws `invalid` (field `field`) with a sentence. */
export function parseImageReference(input: unknown, field = 'image'): ImageReference {
  if (typeof input !== 'string' || input.trim() === '')
    refuse(field, 'Give an image reference, e.g. busybox:latest or registry.example.com/team/app:1.0.');
  const ref = input;
  if (ref !== ref.trim() || /\s/.test(ref))
    refuse(field, `"${ref}" is not a valid image reference: it contains spaces.`);
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      refuse(field, `"${ref}" is not a valid image reference: the digest "${digest}" is not of the form sha256:<hex>.`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      refuse(
        field,
        `"${ref}" is not a valid image reference: a tag has 1–128 letters, digits, "_", "." or "-" and does not start with "." or "-".`,
      );
  }
  if (rest === '') refuse(field, `"${ref}" is not a valid image reference: it names no repository.`);
  if (rest.length > NAME_MAX)
    refuse(
      field,
      `"${ref}" is not a valid image reference: the repository name is longer than ${NAME_MAX} characters.`,
    );
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && isDomain(parts[0]!)) {
    registry = parts.shift()!;
    checkDomain(registry, field, ref);
  }
  for (const p of parts) {
    if (p === '') refuse(field, `"${ref}" is not a valid image reference: it has an empty path component.`);
    if (p !== p.toLowerCase())
      refuse(field, `"${ref}" is not a valid image reference: repository names must be lowercase.`);
    if (!PATH_COMPONENT.test(p))
      refuse(
        field,
        `"${ref}" is not a valid image reference: "${p}" may only use lowercase letters, digits and single ".", "_" or "-" separators between them.`,
      );
  }
  return {
    ...(registry !== undefined ? { registry } : {}),
    path: parts.join('/'),
    repository: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** A reference the engine can resolve to an existing image: an id (sha256:… or a hex prefix) or a reference. */
export function checkImageTarget(input: unknown, field = 'image'): string {
  if (typeof input === 'string' && IMAGE_ID.test(input)) return input;
  parseImageReference(input, field);
  return input as string;
}

/** A tag alone (the part after ":"). */
export function checkTag(input: unknown, field = 'tag'): string {
  if (typeof input !== 'string' || !TAG.test(input))
    refuse(field, 'A tag has 1–128 letters, digits, "_", "." or "-" and does not start with "." or "-".');
  return input;
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENGINE_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A volume name for the local driver: two or more of letters, digits, "_", "." and "-", starting with a letter or digit. */
export function checkVolumeName(input: unknown, field = 'name'): string {
  if (typeof input !== 'string' || input.length > 255 || !VOLUME_NAME.test(input))
    refuse(
      field,
      'A volume name has at least two characters, uses only letters, digits, "_", "." and "-", and starts with a letter or digit.',
    );
  return input;
}

/** A network name: letters, digits, "_", "." and "-", starting with a letter or digit. */
export function checkNetworkName(input: unknown, field = 'name'): string {
  if (typeof input !== 'string' || input.length > 255 || !NETWORK_NAME.test(input))
    refuse(field, 'A network name uses only letters, digits, "_", "." and "-", and starts with a letter or digit.');
  return input;
}

/** A name or id of an existing object (container, volume, network). */
export function checkObjectRef(input: unknown, field: string, what: string): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > 255 || !ENGINE_ID.test(input))
    refuse(field, `Give the name or id of the ${what} (letters, digits, "_", "." and "-").`);
  return input;
}

export function checkLabels(input: unknown, field = 'labels'): Record<string, string> {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    refuse(field, 'Labels are a map of names to text values.');
  for (const [k, v] of Object.entries(input)) {
    if (k.trim() === '' || /[\s=]/.test(k))
      refuse(field, `The label name "${k}" may not be empty or contain spaces or "=".`);
    if (typeof v !== 'string') refuse(field, `The label "${k}" must have a text value.`);
  }
  return input as Record<string, string>;
}

/** An absolute path inside a container or volume, without NUL bytes. */
export function checkInnerPath(input: unknown, field = 'path'): string {
  if (typeof input !== 'string' || !input.startsWith('/') || input.includes('\0'))
    refuse(field, 'The path must be absolute (start with "/").');
  return input;
}

function ipToBigInt(ip: string): bigint {
  if (isIPv4(ip)) return ip.split('.').reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n);
  // IPv6: expand "::" and read eight groups (an embedded IPv4 tail counts as two groups).
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipToBigInt(v4[1]!);
    text = text.slice(0, v4.index) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

export interface Subnet {
  cidr: string;
  family: 4 | 6;
  base: bigint;
  bits: number;
}

/** An IPv4 or IPv6 subnet in CIDR notation (e.g. 172.30.0.0/16). */
export function checkSubnet(input: unknown, field = 'subnet'): Subnet {
  const m = typeof input === 'string' ? /^([^/]+)\/(\d{1,3})$/.exec(input) : null;
  const family = m ? isIP(m[1]!) : 0;
  const bits = m ? Number(m[2]) : -1;
  if (!m || (family !== 4 && family !== 6) || bits > (family === 4 ? 32 : 128))
    refuse(field, `"${String(input)}" is not a subnet: write it in CIDR notation, e.g. 172.30.0.0/16.`);
  const width = family === 4 ? 32 : 128;
  const base = ipToBigInt(m[1]!);
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  if ((base & hostMask) !== 0n)
    refuse(field, `"${input as string}" is not a subnet address: the bits after /${bits} must be zero.`);
  return { cidr: input as string, family: family as 4 | 6, base, bits };
}

/** A gateway address that lies inside `subnet`. */
export function checkGateway(input: unknown, subnet: Subnet, field = 'gateway'): string {
  const family = typeof input === 'string' ? isIP(input) : 0;
  if (family === 0) refuse(field, `"${String(input)}" is not an IP address.`);
  const width = subnet.family === 4 ? 32 : 128;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - subnet.bits)) - 1n);
  if (family !== subnet.family || (ipToBigInt(input as string) & mask) !== subnet.base)
    refuse(field, `The gateway ${input as string} is not inside the subnet ${subnet.cidr}.`);
  return input as string;
}

/** Label filters of a prune: "key" or "key=value". */
export function checkPruneLabels(labels: unknown): void {
  if (
    labels !== undefined &&
    (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l === '' || l.startsWith('=')))
  )
    throw new BerthError({
      kind: 'invalid',
      field: 'labels',
      message: 'Label filters are written "key" or "key=value".',
    });
}
