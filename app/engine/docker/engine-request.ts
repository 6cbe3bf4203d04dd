// The one way Berth calls the engine: a typed Engine API request through docker-modem's `dial` (the
// transport dockerode brings: unix, tcp, TLS and SSH, the /vX.Y prefix, X-Registry-Auth and
// X-Registry-Config, the upgrade of an exec's connection). dockerode's object methods
// (docker.getContainer(…).inspect() …) are not used: every call names its Engine API path here, and
// goes through one place where the pool (connection-pool.ts), the request's abort signal
// (withAbortSignal) and the error statuses apply. Lint refuses `client.docker.<method>` elsewhere.
import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type DockerModem from 'docker-modem';
import type { EngineClient } from './client';

export interface DialOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path without the version prefix, e.g. `/containers/json`. */
  path: string;
  /** Query parameters; undefined ones are left out, arrays repeat the key (`names=a&names=b`). */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** A byte body instead (a tar: a build context, an archive to put, images to load). */
  upload?: Readable | Buffer;
  /** The byte body's type (default application/x-tar). */
  contentType?: string;
  /** Registry credentials for this call (X-Registry-Auth). */
  auth?: Record<string, string>;
  /** Credentials for every registry a build may pull from (X-Registry-Config). */
  registryConfig?: Record<string, unknown>;
  /** Status codes that mean success (default 200, 201, 204). */
  ok?: number[];
  signal?: AbortSignal;
}

const errorStatuses: Record<number, string> = {
  304: 'not modified',
  400: 'bad parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  500: 'server error',
  502: 'bad gateway',
  503: 'unavailable',
};

function dialOptions(o: DialOptions, isStream: boolean): DockerModem.DialOptions {
  const query: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) query[k] = v;
  const statusCodes: Record<number, boolean | string> = { ...errorStatuses };
  for (const c of o.ok ?? [200, 201, 204]) statusCodes[c] = true;
  // docker-modem's conventions: a path ending in "?" gets `_query` appended; a POST sends `_body`,
  // and with allowEmpty false an empty `{}` body is not sent at all (start refuses any body).
  return {
    path: `${o.path}?`,
    method: o.method ?? 'GET',
    isStream,
    statusCodes,
    allowEmpty: o.body !== undefined,
    options: { _query: query, _body: o.body ?? {} },
    ...(o.upload ? { file: o.upload, headers: { 'Content-Type': o.contentType ?? 'application/x-tar' } } : {}),
    ...(o.auth ? { authconfig: o.auth } : {}),
    ...(o.registryConfig ? { registryconfig: o.registryConfig } : {}),
    ...(o.signal ? { abortSignal: o.signal } : {}),
  } as DockerModem.DialOptions;
}

function dial<T>(client: EngineClient, options: DockerModem.DialOptions): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    client.docker.modem.dial(options, (err, data) => (err ? reject(err) : resolve(data as T))),
  );
}

/** One engine call whose answer is JSON (or nothing). */
export function dialJson<T>(client: EngineClient, o: DialOptions): Promise<T> {
  return dial<T>(client, dialOptions(o, false));
}

/** One engine call whose answer is a byte stream (logs, stats, events, archives, progress): resolves to the response. */
export function dialStream(client: EngineClient, o: DialOptions): Promise<IncomingMessage> {
  return dial<IncomingMessage>(client, dialOptions(o, true));
}

/** One engine call that takes over the connection (an exec's start with stdin): resolves to the raw socket. */
export function dialUpgrade(client: EngineClient, o: DialOptions): Promise<Duplex> {
  return dial<Duplex>(client, {
    ...dialOptions({ ...o, ok: [...(o.ok ?? []), 101, 200] }, true),
    hijack: true,
    openStdin: true,
  } as DockerModem.DialOptions);
}
