// A long byte stream from a local engine (a container's logs), read as HTTP/1.0. Over HTTP/1.1 the
// engine sends the body as one HTTP chunk per message it writes (a log line each), and Node's HTTP
// parser hands every chunk to JavaScript on its own: 200 000 lines cost 200 000 calls and buffers.
// Over HTTP/1.0 the engine writes the body as it is until it closes the connection, so the socket
// is read in large pieces. Only for an engine on a unix socket (its own connection, never pooled);
// every other address (TCP, TLS, SSH) goes through dialStream. The engine's answer is bounded: a
// head past MAX_HEAD_BYTES or an error body past MAX_ERROR_BYTES is refused.
import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import { dialStream, type DialOptions, type EngineClient } from './client';

export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_ERROR_BYTES = 1024 * 1024;

type StreamOptions = Pick<DialOptions, 'path' | 'query' | 'signal'>;

/** The request line and head of a GET at the client's API version. */
export function requestHead(apiVersion: string, o: StreamOptions): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) query.set(k, String(v));
  const qs = query.toString();
  return `GET /v${apiVersion}${o.path}${qs ? `?${qs}` : ''} HTTP/1.0\r\nHost: docker\r\nUser-Agent: Berth\r\n\r\n`;
}

/** An engine error shaped as docker-modem's (status, the engine's JSON), for errors.ts to classify. */
function engineError(status: number, body: Buffer): Error {
  let json: { message?: string } | null = null;
  try {
    json = JSON.parse(body.toString('utf8')) as { message?: string };
  } catch {
    json = { message: body.toString('utf8').trim() };
  }
  return Object.assign(new Error(`(HTTP code ${status}) - ${json?.message ?? ''}`), { statusCode: status, json });
}

/**
 * Opens a GET whose answer is a long byte stream; resolves to the body as a Readable (the socket,
 * the head taken off) once the engine answered 2xx, or rejects with the engine's error. The signal
 * destroys the connection, also after it resolved; so does the client's own (a request's engine).
 */
export function openLocalStream(client: EngineClient, opts: StreamOptions): Promise<Readable> {
  if (client.address.kind !== 'unix') return dialStream(client, opts);
  // The request's own signal (a handler's engine, withAbortSignal) as well as the call's.
  const signals = [opts.signal, client.signal].filter((s): s is AbortSignal => !!s);
  const o = { ...opts, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] };
  const socketPath = client.address.socketPath;
  return new Promise<Readable>((resolve, reject) => {
    const sock = connect(socketPath);
    let head: Buffer = Buffer.alloc(0);
    let status = 0;
    let settled = false;
    const abort = () => sock.destroy(Object.assign(new Error('The request was cancelled.'), { name: 'AbortError' }));
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      sock.destroy();
      reject(err);
    };
    const cleanup = () => {
      sock.off('readable', onReadable);
      sock.off('error', fail);
      sock.off('end', onEnd);
    };
    const onEnd = () => {
      if (status) fail(engineError(status, head));
      else
        fail(Object.assign(new Error('The engine closed the connection before it answered.'), { code: 'ECONNRESET' }));
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (!settled && (chunk = sock.read() as Buffer | null) !== null) {
        head = head.length ? Buffer.concat([head, chunk]) : chunk;
        if (status) {
          // An error's body: read to its end (the engine closes), bounded.
          if (head.length > MAX_ERROR_BYTES) return fail(engineError(status, head.subarray(0, MAX_ERROR_BYTES)));
          continue;
        }
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > MAX_HEAD_BYTES)
            return fail(new Error(`The engine's answer has no end of its head within ${MAX_HEAD_BYTES} bytes.`));
          continue;
        }
        const m = /^HTTP\/1\.[01] (\d{3})[ \r]/.exec(head.toString('latin1', 0, Math.min(end + 2, 64)));
        if (!m) return fail(new Error("The engine's answer does not start with an HTTP status line."));
        status = Number(m[1]);
        const rest = head.subarray(end + 4);
        head = Buffer.from(rest);
        if (status >= 200 && status < 300) {
          settled = true;
          cleanup();
          if (rest.length) sock.unshift(rest);
          return resolve(sock);
        }
      }
    };
    if (o.signal?.aborted) return fail(Object.assign(new Error('The request was cancelled.'), { name: 'AbortError' }));
    o.signal?.addEventListener('abort', abort, { once: true });
    sock.once('close', () => o.signal?.removeEventListener('abort', abort));
    // After the head, errors reach whoever reads the body; this one keeps an unread one from crashing.
    sock.on('error', () => undefined);
    sock.on('error', fail);
    sock.on('end', onEnd);
    sock.on('readable', onReadable);
    sock.write(requestHead(client.apiVersion, o));
  });
}
