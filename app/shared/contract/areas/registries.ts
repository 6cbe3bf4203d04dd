// registries.* requests: which registries Berth knows and where each sign-in lives; sign in
// (checked against the registry through the engine before anything is stored); sign out.
// The address and user rules live here so the Sign in form and the receiving side refuse the same
// input with the same sentence.
import { z } from 'zod';
import { request } from '../define';

/** The docker CLI's key for Docker Hub in config.json and credential helpers. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export type RegistryServer = { ok: true; key: string; host: string } | { ok: false; message: string };

const LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;

/**
 * A registry address as the user typed it → the key the docker CLI uses: "https://index.docker.io/v1/"
 * for Docker Hub, else host[:port]. http:// and https:// are accepted and dropped; other schemes,
 * paths, spaces, bad hosts and bad ports are refused with a sentence.
 */
export function parseRegistryServer(input: string): RegistryServer {
  const fail = (message: string): RegistryServer => ({ ok: false, message });
  const raw = input.trim();
  if (!raw) return fail('Give the registry address, e.g. registry.example.com or 127.0.0.1:5000.');
  if (/\s/.test(raw)) return fail(`"${raw}" is not a registry address: it contains spaces.`);
  if (raw.replace(/\/$/, '') === DOCKER_HUB.replace(/\/$/, '')) return { ok: true, key: DOCKER_HUB, host: 'docker.io' };
  let rest = raw;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1]!))
      return fail(
        `"${raw}" is not a registry address: Berth speaks to registries over https (or http), not ${scheme[1]}.`,
      );
    rest = rest.slice(scheme[0].length);
  }
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    if (rest.slice(slash) !== '/')
      return fail(
        `"${raw}" is not a registry address: give only the host (and port), without a path such as "${rest.slice(slash)}".`,
      );
    rest = rest.slice(0, slash);
  }
  if (/[@?#]/.test(rest)) return fail(`"${raw}" is not a registry address: give only the host (and port).`);
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(rest);
  const host = m?.[1] ?? '';
  const port = m?.[2];
  if (!host) return fail(`"${raw}" is not a registry address: it names no host.`);
  const hostOk = IPV6.test(host) || host.split('.').every((l) => LABEL.test(l));
  if (!hostOk) return fail(`"${raw}" is not a registry address: "${host}" is not a valid host name.`);
  if (port !== undefined && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535))
    return fail(`"${raw}" is not a registry address: the port must be a number between 1 and 65535.`);
  const hostPort = `${host.toLowerCase()}${port !== undefined ? `:${Number(port)}` : ''}`;
  if (port === undefined && HUB_ALIASES.has(hostPort)) return { ok: true, key: DOCKER_HUB, host: 'docker.io' };
  return { ok: true, key: hostPort, host: hostPort };
}

/**
 * The registry key of an image reference, loosely (the engine facade checks the full grammar): the
 * first path component when it looks like a host (has "." or ":" or is "localhost"), else Docker Hub.
 */
export function registryOfImageRef(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash > 0 ? ref.slice(0, slash) : '';
  if (!first || !(first.includes('.') || first.includes(':') || first === 'localhost')) return DOCKER_HUB;
  const parsed = parseRegistryServer(first);
  return parsed.ok ? parsed.key : first;
}

/** What people call a registry: "Docker Hub" or its host. */
export function registryLabel(key: string): string {
  return key === DOCKER_HUB ? 'Docker Hub' : key;
}

export const registryServer = z
  .string()
  .max(1024, 'A registry address has at most 1024 characters.')
  .transform((s, ctx) => {
    const r = parseRegistryServer(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.key;
  });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const registryUsername = z
  .string()
  .min(1, 'Give your user name for this registry.')
  .max(256, 'A user name has at most 256 characters.')
  .refine((u) => !CONTROL.test(u), 'A user name cannot contain control characters (tabs, line breaks…).')
  .refine((u) => u.trim() === u, 'A user name cannot start or end with spaces.')
  .refine((u) => u !== '<token>', '"<token>" is reserved by the docker CLI; give your real user name.');

export const registrySecret = z
  .string()
  .min(1, 'Give your password or access token.')
  .max(16384, 'A password or token has at most 16384 characters.')
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\r\n\u0000]/.test(p), 'A password or token cannot contain line breaks.');

/**
 * Where a sign-in is remembered:
 * - docker: where the docker CLI keeps it (its credential helper; without one, its config file), so
 *   `docker pull` in a terminal uses it too;
 * - berth: Berth's own store (the OS keychain in the desktop app; in `berth serve`, a file only you can read);
 * - session: in memory until Berth quits.
 */
export const rememberChoice = z.enum(['docker', 'berth', 'session']);
export type RememberChoice = z.infer<typeof rememberChoice>;

/** Where a credential lives. */
export type CredentialPlace =
  | { kind: 'docker-helper'; helper: string }
  | { kind: 'docker-file'; path: string }
  | { kind: 'berth-keychain'; store: string }
  | { kind: 'berth-file'; path: string }
  | { kind: 'session' };

export interface RegistryEntry {
  /** The docker CLI's key: "https://index.docker.io/v1/" or host[:port]. */
  key: string;
  /** "Docker Hub" or the host. */
  label: string;
  /** Where its credential lives, first the one Berth uses for pulls and pushes; empty when signed out. */
  places: CredentialPlace[];
  /** The user name of the credential Berth uses, when known. */
  username?: string;
  /** A sentence when the credential could not be read (e.g. a helper that is missing). */
  problem?: string;
}

export interface StoreOption {
  choice: RememberChoice;
  /** Whether this choice can be used for `key` right now. */
  available: boolean;
  /** A short label for the choice, e.g. "Docker's credential helper (pass)". */
  label: string;
  /** A sentence: what happens to the password there (or why it is not available). */
  note: string;
}

export interface RegistriesResult {
  registries: RegistryEntry[];
  /** The docker config file Berth reads and writes (as the docker CLI resolves it). */
  dockerConfig: string;
  /** The choices for "remember in …" for a registry that has no credential helper of its own. */
  stores: StoreOption[];
  /** Per registry with its own helper (credHelpers), the docker choice's label. */
  helpers: Record<string, string>;
  /** The choice the Sign in form starts with. */
  defaultChoice: RememberChoice;
}

export interface SignInResult {
  key: string;
  place: CredentialPlace;
  /** The registry's own status line, e.g. "Login Succeeded". */
  status: string;
}

export const registryRequests = {
  'registries.list': request<RegistriesResult>()(z.strictObject({})),
  /** Checks the credential with the registry through the engine, then stores it where asked. */
  'registries.signIn': request<SignInResult>()(
    z.strictObject({
      server: registryServer,
      username: registryUsername,
      secret: registrySecret,
      remember: rememberChoice,
    }),
  ),
  /** Removes the registry's credential from every place that holds it (like `docker logout`, and Berth's own). */
  'registries.signOut': request<{ key: string; removedFrom: CredentialPlace[] }>()(
    z.strictObject({ server: registryServer }),
  ),
};
