// Engine connections, pooled and bounded. Ordinary calls (a list, an inspect, a start) share a
// keep-alive pool of ENGINE_POOL_SOCKETS connections: 3 000 concurrent lists queue for them instead
// of opening 3 000 sockets. Long-lived calls (event, log and stats streams, terminals, archives,
// image transfers: whatever the engine answers as a stream) get connections of their own, since
// each can hold one for hours; each belongs to a stream that Berth bounds per client
// (MAX_SUBSCRIPTIONS), with ENGINE_STREAM_SOCKETS as a backstop for the whole process.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { inspect } from 'node:util';
import type Docker from 'dockerode';

/** Connections for ordinary request/response calls, shared by everything Berth does on one engine. */
export const ENGINE_POOL_SOCKETS = 16;
/** Backstop for long-lived connections (streams, terminals, transfers) on one engine. */
export const ENGINE_STREAM_SOCKETS = 512;
/**
 * A pooled connection idle this long is closed, so a quiet Berth holds no engine connections (and
 * fds) beyond its streams. Node's agent applies it only to idle sockets: a call that takes longer
 * (a stop with its grace period, a prune) is not cut short.
 */
export const ENGINE_POOL_IDLE_MS = 5000;

interface DialOptions {
  isStream?: boolean;
  hijack?: boolean;
  abortSignal?: AbortSignal;
  [key: string]: unknown;
}

/** The part of docker-modem this file relies on: `dial` reads `this.agent` synchronously. */
interface Modem {
  agent?: unknown;
  dial(options: DialOptions, callback: (err: unknown, data: unknown) => void): void;
}

/** What the pool holds for one engine client, for tests and for closing it. */
export interface ConnectionPool {
  pool: HttpAgent;
  streams: HttpAgent;
  close(): void;
}

/**
 * docker-modem formats every call's options with util.inspect (depth unlimited) for its debug log,
 * even when that log is off; an agent printed in full (every socket, every queued request) makes
 * each call cost more the more calls wait, so the agents print as one word.
 */
function quiet<A extends HttpAgent>(agent: A, name: string): A {
  Object.defineProperty(agent, inspect.custom, { value: () => `[${name}]` });
  return agent;
}

/**
 * Routes `docker`'s calls through a bounded keep-alive pool, long-lived ones through their own agent.
 * SSH engines are left alone: docker-modem opens an SSH channel per call there.
 */
export function poolConnections(docker: Docker, tls: boolean): ConnectionPool {
  const Agent = tls ? HttpsAgent : HttpAgent;
  const pool = quiet(
    new Agent({ keepAlive: true, maxSockets: ENGINE_POOL_SOCKETS, timeout: ENGINE_POOL_IDLE_MS }),
    'engine connection pool',
  );
  const streams = quiet(new Agent({ keepAlive: false, maxSockets: ENGINE_STREAM_SOCKETS }), 'engine stream agent');
  const modem = docker.modem as unknown as Modem;
  const dial = modem.dial;
  modem.agent = pool;
  modem.dial = function (this: Modem, options, callback) {
    this.agent = options.isStream === true || options.hijack === true ? streams : pool;
    try {
      dial.call(this, options, callback);
    } finally {
      this.agent = pool;
    }
  };
  return {
    pool,
    streams,
    close() {
      pool.destroy();
      streams.destroy();
    },
  };
}

/**
 * The same engine client, but every call made through it carries `signal` (with any signal the call
 * brings itself): when it fires, the engine's HTTP request is aborted.
 */
export function withAbortSignal<C extends { docker: Docker; signal?: AbortSignal }>(client: C, signal: AbortSignal): C {
  const modem = client.docker.modem as unknown as Modem;
  const bound = Object.create(modem) as Modem;
  bound.dial = (options, callback) =>
    modem.dial.call(
      bound,
      { ...options, abortSignal: options.abortSignal ? AbortSignal.any([options.abortSignal, signal]) : signal },
      callback,
    );
  const docker = Object.create(client.docker, { modem: { value: bound, enumerable: true } }) as Docker;
  return { ...client, docker, signal: client.signal ? AbortSignal.any([client.signal, signal]) : signal };
}
