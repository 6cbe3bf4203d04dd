// The engine's own failure messages Berth recognises, one row each: what the row is about (its
// cause), the kind when the HTTP status says nothing more precise (a 500, or an error line inside a
// 200 stream), the input it concerns (`field`, in the facade's argument names: a form shows the
// error there) and what to tell the user. Every row has a message captured from a real dockerd in
// engine-messages.test.ts, and errors.int.test.ts provokes the main ones on the test engine.
// First match wins, so the more specific rows come first.
import type { ErrorKind } from '../../shared/errors';

export type EngineCause =
  | 'pull-denied'
  | 'blob-unknown'
  | 'registry-denied'
  | 'registry-plain-http'
  | 'registry-untrusted'
  | 'registry-unreachable'
  | 'not-a-registry'
  | 'manifest-unknown'
  | 'no-such-image'
  | 'bad-reference'
  | 'name-in-use'
  | 'port-allocated'
  | 'bind-source-missing'
  | 'mount-failed'
  | 'duplicate-mount'
  | 'command-not-found'
  | 'unknown-user'
  | 'network-not-found'
  | 'subnet-overlap'
  | 'gateway-outside'
  | 'network-exists'
  | 'built-in-network'
  | 'active-endpoints'
  | 'already-connected'
  | 'not-connected'
  | 'volume-in-use'
  | 'volume-name-short'
  | 'no-such-volume'
  | 'image-has-tags'
  | 'image-has-children'
  | 'image-used-by-running'
  | 'image-in-use'
  | 'container-running'
  | 'already-paused'
  | 'not-paused'
  | 'paused'
  | 'not-running'
  | 'no-such-container'
  | 'no-such-path'
  | 'restart-policy'
  | 'bad-env'
  | 'engine-gone';

export interface EngineMessage {
  cause: EngineCause;
  /** The engine's words that identify the row. */
  match: RegExp;
  /** The kind unless the HTTP status decides it (see errors.ts). */
  kind: ErrorKind;
  /** The input the message is about, where it is unmistakable. */
  field?: string;
  /** What follows "Could not <what>: "; without it, the kind's general sentence (with the engine's words). */
  says?: string;
}

const row = (cause: EngineCause, match: RegExp, kind: ErrorKind, says?: string, field?: string): EngineMessage => ({
  cause,
  match,
  kind,
  ...(says ? { says } : {}),
  ...(field ? { field } : {}),
});

export const engineMessages: readonly EngineMessage[] = [
  // Docker Hub's answer for a repository that does not exist, or that is private: mostly the first.
  row(
    'pull-denied',
    /pull access denied|repository does not exist/i,
    'not-found',
    'the registry has no such image, or it needs you to sign in. Check the name, or sign in to the registry.',
    'image',
  ),
  row('blob-unknown', /unknown blob|blob unknown/i, 'not-found', 'the registry is missing a layer of this image.'),
  row(
    'registry-denied',
    /unauthorized|authentication required|no basic auth credentials|denied: requested access|incorrect username or password|access to the resource is denied|^denied:/i,
    'unauthorized',
    'the registry refused access. Sign in to the registry, or check the image name.',
  ),
  row(
    'registry-plain-http',
    /server gave HTTP response to HTTPS client/i,
    'unavailable',
    "the registry answers over plain HTTP, but the engine requires TLS for it. Serve it over https, or list it in the engine's insecure registries.",
  ),
  row(
    'registry-untrusted',
    /x509|certificate signed by|tls: /i,
    'unavailable',
    "the engine does not trust the registry's TLS certificate. Install the registry's CA on the engine's host.",
  ),
  row(
    'registry-unreachable',
    /dial tcp|no such host|i\/o timeout|network is unreachable|no route to host|timeout exceeded|connection refused|EOF$/i,
    'unavailable',
    'the registry is not reachable. Check its address and your network, then try again.',
  ),
  row(
    'not-a-registry',
    /login attempt to .* failed with status: 404/i,
    'not-found',
    'that address does not look like a container registry (it has no /v2/ endpoint). Check the address.',
  ),
  row(
    'manifest-unknown',
    /manifest unknown|manifest for .* not found|repository .* not found|name unknown/i,
    'not-found',
    'the registry has no such image or tag. Check the name and tag.',
    'image',
  ),
  row(
    'no-such-image',
    /no such image/i,
    'not-found',
    'the image is not on this engine. Pull it first, or check its name.',
    'image',
  ),
  row('bad-reference', /invalid reference format/i, 'invalid', undefined, 'image'),
  row(
    'name-in-use',
    /container name .* is already in use|name .* is already in use/i,
    'conflict',
    'that name is already in use. Choose another name or remove the other container.',
    'name',
  ),
  row(
    'port-allocated',
    /port is already allocated|address already in use|bind for .* failed|userland proxy|cannot assign requested address/i,
    'conflict',
    'a published port is already in use on this machine. Pick another host port or stop what uses it.',
    'ports',
  ),
  row(
    'bind-source-missing',
    /bind source path does not exist/i,
    'invalid',
    'a bind-mounted host path does not exist. Create it first, or fix the path.',
    'volumes',
  ),
  // before the command: a mount's failure can end in "no such file or directory: unknown" too
  row(
    'mount-failed',
    /error (while )?mounting|mounting .* to rootfs|invalid mount|invalid volume specification|mounts? denied/i,
    'invalid',
    'a volume or bind mount could not be mounted where it was asked for. Check the mounts.',
    'volumes',
  ),
  row(
    'duplicate-mount',
    /duplicate mount point/i,
    'invalid',
    'two mounts use the same path in the container. Give each its own path.',
    'volumes',
  ),
  row(
    'command-not-found',
    /executable file not found|exec format error|exec: "[^"]*": (stat .*: )?(no such file or directory|permission denied)/i,
    'invalid',
    'the command does not exist in the image (or cannot be run). Check the command, or use another image.',
    'command',
  ),
  row(
    'unknown-user',
    /unable to find user|no matching entries in passwd/i,
    'invalid',
    'the user does not exist in the image. Check the user, or leave it empty.',
    'user',
  ),
  row(
    'network-not-found',
    /network .*not found|no such network/i,
    'not-found',
    'that network does not exist.',
    'network',
  ),
  row(
    'subnet-overlap',
    /Pool overlaps with other one|networks have overlapping|overlaps with (?:an )?existing/i,
    'conflict',
    'its subnet overlaps a network the engine already has. Choose another subnet, or leave it empty so the engine picks a free one.',
    'subnet',
  ),
  row(
    'gateway-outside',
    /failed to allocate gateway|address is out of range/i,
    'invalid',
    'the gateway is not an address of the subnet. Choose one inside it, or leave it empty.',
    'gateway',
  ),
  row(
    'network-exists',
    /network with name .* already exists/i,
    'conflict',
    'a network with that name already exists. Choose another name.',
    'name',
  ),
  row('built-in-network', /is a pre-defined network/i, 'conflict'),
  row(
    'active-endpoints',
    /has active endpoints/i,
    'conflict',
    'containers are still attached to it. Disconnect or stop them first.',
  ),
  row(
    'already-connected',
    /endpoint with name .* already exists/i,
    'conflict',
    'the container is already attached to that network.',
  ),
  row('not-connected', /is not connected to (the )?network/i, 'conflict', 'the container is not attached to it.'),
  row('volume-in-use', /volume is in use/i, 'conflict', 'it is in use by a container. Remove the container first.'),
  row(
    'volume-name-short',
    /volume name is too short/i,
    'invalid',
    'a volume name has at least two letters or digits.',
    'name',
  ),
  row('no-such-volume', /no such volume/i, 'not-found'),
  row(
    'image-has-tags',
    /referenced in multiple repositories/i,
    'conflict',
    'it has several tags. Remove the tags one by one, or remove it with force.',
  ),
  row(
    'image-has-children',
    /dependent child images/i,
    'conflict',
    'other images are built on top of it. Remove those images first.',
  ),
  row(
    'image-used-by-running',
    /image is being used by running container/i,
    'conflict',
    'a running container uses it. Stop and remove that container first.',
  ),
  row(
    'image-in-use',
    /image is being used by|is using its referenced image/i,
    'conflict',
    'containers use it. Remove them first, or remove the image with force.',
  ),
  row(
    'container-running',
    /cannot remove a running container|stop the container before/i,
    'conflict',
    'the container is running. Stop it first, or force the removal.',
  ),
  row('already-paused', /already paused/i, 'conflict', 'the container is already paused.'),
  row('not-paused', /is not paused/i, 'conflict', 'the container is not paused.'),
  row('paused', /is paused/i, 'conflict', 'the container is paused. Resume it first.'),
  row('not-running', /is not running|is restarting/i, 'conflict', 'the container is not running. Start it first.'),
  row(
    'no-such-container',
    /no such container/i,
    'not-found',
    'it does not exist (any more). Refresh the list and try again.',
  ),
  row(
    'no-such-path',
    /could not find the file/i,
    'not-found',
    'there is no such file or folder in the container.',
    'path',
  ),
  row('restart-policy', /restart policy/i, 'invalid', undefined, 'restart'),
  row('bad-env', /invalid environment variable/i, 'invalid', undefined, 'env'),
  row('engine-gone', /socket hang up|connect ECONNREFUSED|Cannot connect to the Docker daemon/i, 'unavailable'),
];

/** The row for an engine message, if Berth knows it. */
export function engineMessageFor(text: string): EngineMessage | undefined {
  return engineMessages.find((m) => m.match.test(text));
}
