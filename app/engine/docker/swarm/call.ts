// One engine call for the swarm facade, and what its failures mean: swarm answers in gRPC's words
// ("rpc error: code = AlreadyExists desc = …") and with 503 for "not a manager", which the general
// classifier would read as "the engine is down". These are told apart here, each with a sentence and,
// where the failing input is clear, its field.
import { BerthError, type ErrorKind } from '../../../shared/errors';
import { dialJson, type DialOptions, type EngineClient } from '../client';
import { toBerthError } from '../errors';

const RPC = /rpc error: code = (\w+) desc = ([\s\S]*)$/;

const rpcKinds: Record<string, ErrorKind> = {
  AlreadyExists: 'conflict',
  NotFound: 'not-found',
  InvalidArgument: 'invalid',
  FailedPrecondition: 'conflict',
  PermissionDenied: 'unauthorized',
  Unavailable: 'unavailable',
  DeadlineExceeded: 'unavailable',
};

interface Known {
  test: RegExp;
  kind: ErrorKind;
  field?: string;
  say(what: string, text: string): string;
}

const known: Known[] = [
  {
    test: /not a swarm manager|not part of a swarm|This node is not part of a swarm/i,
    kind: 'conflict',
    say: (what, text) =>
      /Worker nodes/i.test(text)
        ? `Could not ${what}: this engine is a worker of its swarm, and only managers see and change the swarm. Use a manager, or promote this node from a manager.`
        : `Could not ${what}: this engine is not in a swarm. Create one (or join one) on the Engine page.`,
  },
  {
    test: /already part of a swarm/i,
    kind: 'conflict',
    say: (what) => `Could not ${what}: this engine is already in a swarm. Leave it first (Engine page).`,
  },
  {
    test: /could not choose an IP address to advertise|must specify a listening address|advertise address must be/i,
    kind: 'invalid',
    field: 'advertiseAddr',
    say: (what, text) => {
      const choices = /\(([^)]*)\)/.exec(text)?.[1];
      return `Could not ${what}: the engine has several addresses and cannot tell which one other nodes reach${choices ? ` (${choices})` : ''}. Choose the advertise address.`;
    },
  },
  {
    test: /attempting to leave the swarm on a node that is participating as a manager/i,
    kind: 'conflict',
    field: 'force',
    say: (what, text) =>
      `Could not ${what}: this engine is a manager${/last manager/i.test(text) ? ', and removing the last manager erases the swarm (its services, secrets and configs)' : ''}. Leaving needs force.`,
  },
  {
    test: /join token|token.*(invalid|rejected)|invalid.*token/i,
    kind: 'invalid',
    field: 'token',
    say: (what) => `Could not ${what}: the manager refused the join token. Copy the current one from a manager.`,
  },
  {
    test: /Timeout was reached before node joined|connection error|context deadline exceeded|no route to host|connection refused/i,
    kind: 'unavailable',
    field: 'remoteAddr',
    say: (what) =>
      `Could not ${what}: the manager did not answer at that address. Check the address (port 2377) and that this machine can reach it.`,
  },
  {
    test: /name conflicts with an existing object/i,
    kind: 'conflict',
    field: 'name',
    say: (what) => `Could not ${what}: that name is already taken. Choose another name.`,
  },
  {
    test: /is already in use by service/i,
    kind: 'conflict',
    field: 'ports',
    say: (what, text) => `Could not ${what}: ${text.replace(/^.*?port/i, 'port')}. Publish another port.`,
  },
  {
    test: /secret .*not found|secret reference|no such secret/i,
    kind: 'not-found',
    field: 'secrets',
    say: (what) => `Could not ${what}: a secret it names does not exist. Create it first.`,
  },
  {
    test: /config .*not found|config reference|no such config/i,
    kind: 'not-found',
    field: 'configs',
    say: (what) => `Could not ${what}: a config it names does not exist. Create it first.`,
  },
  {
    test: /network .*not found|could not find network|network .* not manually attachable|only networks scoped to the swarm/i,
    kind: 'invalid',
    field: 'networks',
    say: (what, text) => `Could not ${what}: a network it names cannot be used (${text}). Choose an overlay network.`,
  },
  {
    test: /is in use by the following service/i,
    kind: 'conflict',
    say: (what, text) =>
      `Could not ${what}: ${text.replace(/^.*?is in use/, 'it is in use')}. Remove it from them first.`,
  },
  {
    test: /is not down and can't be removed/i,
    kind: 'conflict',
    say: (what) =>
      `Could not ${what}: the node is still up. Drain it and run "docker swarm leave" on it; once it is down it can be removed.`,
  },
  {
    test: /demote the last manager|last manager/i,
    kind: 'conflict',
    field: 'role',
    say: (what) => `Could not ${what}: it is the swarm's last manager. Promote another node first.`,
  },
  {
    test: /update out of sequence/i,
    kind: 'conflict',
    say: (what) => `Could not ${what}: it changed at the same time elsewhere. Try again.`,
  },
];

/** The failure of a swarm call as a BerthError about `what` ("create service web"). */
export function swarmError(err: unknown, what: string): BerthError {
  if (err instanceof BerthError) return err;
  const base = toBerthError(err, what);
  // Only the engine's own answers are read here; a socket that failed is the engine being away.
  if ((err as { statusCode?: number } | null)?.statusCode === undefined) return base;
  const text = base.detail ?? base.message;
  const rpc = RPC.exec(text);
  const desc = rpc?.[2]?.trim() ?? text;
  const k = known.find((x) => x.test.test(text));
  if (k)
    return new BerthError({
      kind: k.kind,
      message: k.say(what, desc),
      detail: text,
      ...(k.field ? { field: k.field } : {}),
    });
  if (rpc) {
    const kind = rpcKinds[rpc[1] ?? ''] ?? 'internal';
    return new BerthError({
      kind,
      message: `Could not ${what}: ${kind === 'internal' ? 'the engine reported an error' : 'the swarm refused'} (${desc}).`,
      detail: text,
    });
  }
  return base;
}

/** One swarm engine call whose answer is JSON (or nothing). */
export async function swarmCall<T>(client: EngineClient, what: string, o: DialOptions): Promise<T> {
  try {
    return await dialJson<T>(client, o);
  } catch (err) {
    throw swarmError(err, what);
  }
}

export function invalid(field: string, message: string): BerthError {
  return new BerthError({ kind: 'invalid', field, message });
}

/** Swarm's update calls need the object's current version; a concurrent change makes them retry once. */
export async function withVersionRetry<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BerthError && /update out of sequence/i.test(err.detail ?? '')) return fn();
    throw err;
  }
}
