// Input checks for the image, volume and network facade, applied before anything reaches the engine.
// Names and image references follow the shared rules (app/shared/rules.ts, image-reference.ts), so the
// facade refuses exactly what the contract and the forms refuse, in the same words.
import { isIP, isIPv4 } from 'node:net';
import { BerthError } from '../../shared/errors';
import {
  imageTargetProblem,
  readImageReference,
  TAG,
  TAG_RULE,
  type ImageReference,
} from '../../shared/image-reference';
import { containerRef, objectName, volumeName } from '../../shared/rules';
import { checkRule } from './validate';

export type { ImageReference };

function refuse(field: string, message: string): never {
  throw new BerthError({ kind: 'invalid', message, field });
}

/** Parses and checks an image reference; throws `invalid` (field `field`) with a sentence. */
export function parseImageReference(input: unknown, field = 'image'): ImageReference {
  const r = readImageReference(input);
  if ('problem' in r) refuse(field, r.problem);
  return r;
}

/** A reference the engine can resolve to an existing image: an id (sha256:… or a hex prefix) or a reference. */
export function checkImageTarget(input: unknown, field = 'image'): string {
  const problem = imageTargetProblem(input);
  if (problem) refuse(field, problem);
  return input as string;
}

/** A tag alone (the part after ":"). */
export function checkTag(input: unknown, field = 'tag'): string {
  if (typeof input !== 'string' || !TAG.test(input)) refuse(field, TAG_RULE);
  return input;
}

/** A new volume's name for the local driver (at least two characters). */
export function checkVolumeName(input: unknown, field = 'name'): string {
  return checkRule(volumeName, input, field);
}

/** A network name: letters, digits, "_", "." and "-", starting with a letter or digit. */
export function checkNetworkName(input: unknown, field = 'name'): string {
  return checkRule(objectName, input, field);
}

/** A name or id of an existing object; a container's leading "/" is dropped, as the engine does. */
export function checkObjectRef(input: unknown, field: string, what: 'container' | 'volume' | 'network'): string {
  return what === 'container'
    ? checkRule(containerRef, input, field).replace(/^\//, '')
    : checkRule(objectName, input, field);
}

/** A volume or network driver's name (local, overlay, a plugin's name:tag), when one is given. */
export function checkDriverName(driver: string | undefined, what: 'network' | 'volume'): void {
  if (driver !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/.test(driver))
    refuse('driver', `"${driver}" is not a ${what} driver name.`);
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
