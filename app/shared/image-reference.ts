// Docker's image reference grammar, shared by the contract's schemas, the renderer's forms and the
// engine facade, so all three accept and refuse the same references with the same words:
//   [domain[:port]/]path-component[/path-component…][:tag][@digest]
// where a path component is lowercase alphanumerics joined by ".", "_", "__" or runs of "-".

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
export const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** An image id, full (sha256:…) or a hex prefix of at least 12. */
export const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/;
const NAME_MAX = 255;
export const TAG_RULE = 'A tag has 1–128 letters, digits, "_", "." or "-" and does not start with "." or "-".';

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

/** IPv6 text as a bracketed registry host holds it: hex groups, at most one "::". */
function isIPv6(text: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.split('::').length > 2) return false;
  const groups = text.split(':').filter((g, i, all) => g !== '' || (i > 0 && i < all.length - 1));
  return groups.every((g) => g.length <= 4) && groups.length <= (text.includes('::') ? 7 : 8);
}

function domainProblem(domain: string, ref: string): string | undefined {
  const m = /^(.*?)(?::([0-9]+))?$/.exec(domain);
  const host = m?.[1] ?? '';
  const port = m?.[2];
  const bracketed = /^\[([0-9a-fA-F:]+)\]$/.exec(host);
  const hostOk = bracketed ? isIPv6(bracketed[1]!) : host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
  if (!hostOk || host === '')
    return `"${ref}" is not a valid image reference: the registry "${domain}" is not a valid host name.`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return `"${ref}" is not a valid image reference: the registry port must be between 1 and 65535.`;
  if (domain.includes(':') && port === undefined && !bracketed)
    return `"${ref}" is not a valid image reference: the registry "${domain}" has an empty or non-numeric port.`;
  return undefined;
}

const isDomain = (part: string) =>
  part.includes('.') || part.includes(':') || part === 'localhost' || part !== part.toLowerCase();

/** Splits a reference into its parts, or says (a sentence) why it is not one. */
export function readImageReference(input: unknown): ImageReference | { problem: string } {
  if (typeof input !== 'string' || input.trim() === '') return { problem: 'Give an image, e.g. nginx:latest.' };
  const ref = input;
  const bad = (why: string) => ({ problem: `"${ref}" is not a valid image reference: ${why}` });
  if (ref !== ref.trim() || /\s/.test(ref))
    return bad('it contains spaces. An image reference looks like name, name:tag or registry/name:tag, in lowercase.');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return bad(`the digest "${digest}" is not of the form sha256:<hex>.`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return bad(`${TAG_RULE[0]!.toLowerCase()}${TAG_RULE.slice(1)}`);
  }
  if (rest === '') return bad('it names no repository.');
  if (rest.length > NAME_MAX) return bad(`the repository name is longer than ${NAME_MAX} characters.`);
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && isDomain(parts[0]!)) {
    registry = parts.shift()!;
    const problem = domainProblem(registry, ref);
    if (problem) return { problem };
  }
  for (const p of parts) {
    if (p === '') return bad('it has an empty path component.');
    if (p !== p.toLowerCase()) return bad('repository names must be lowercase.');
    if (!PATH_COMPONENT.test(p))
      return bad(`"${p}" may only use lowercase letters, digits and single ".", "_" or "-" separators between them.`);
  }
  return {
    ...(registry !== undefined ? { registry } : {}),
    path: parts.join('/'),
    repository: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** Why `input` is not a reference to an existing image (an id, sha256:… or a hex prefix, or a reference). */
export function imageTargetProblem(input: unknown): string | undefined {
  if (typeof input === 'string' && IMAGE_ID.test(input)) return undefined;
  const r = readImageReference(input);
  return 'problem' in r ? r.problem : undefined;
}
