// The websocket under client-node's Exec and PortForward (the WebSocketInterface they take): the
// channel protocols (v5.channel.k8s.io first, as client-node offers them), credentials applied by
// client-node exactly as for its other requests, and — unlike client-node's own handler — a refused
// upgrade read as the API server's Status (RBAC, not found, a stopped container) so the user gets its
// sentence, transport failures as sentences, and a server's close of a channel (v5) handed to the
// caller instead of ending the process's own stdout.
import type { KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { BerthError } from '../../shared/errors';
import { credentialError, statusError, transportError } from './errors';
import { serverOf } from './request';

export const CHANNEL_PROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];
/** The byte that starts a v5 "close this channel" message. */
export const CLOSE_CHANNEL = 255;

type TextHandler = ((text: string) => boolean) | null;
type BinaryHandler = ((stream: number, buff: Buffer) => boolean) | null;

export interface ChannelSocketOptions {
  /** The server closed a channel (v5); e.g. stdout ended. */
  onCloseChannel?(channel: number): void;
  /** The protocols to offer, most preferred first (default: the exec channel protocols). */
  protocols?: string[];
  /** Gives the connection up while it is being opened (the view went meanwhile). */
  signal?: AbortSignal;
}

async function readAll(res: NodeJS.ReadableStream, limit = 256 * 1024): Promise<string> {
  let body = '';
  for await (const c of res as AsyncIterable<Buffer>) {
    if (body.length < limit) body += c.toString('utf8');
  }
  return body;
}

/** A WebSocketInterface for client-node (Exec, PortForward) to one context's API server. */
export function channelSocket(kc: KubeConfig, o: ChannelSocketOptions = {}) {
  return {
    async connect(path: string, textHandler: TextHandler, binaryHandler: BinaryHandler): Promise<WebSocket> {
      const server = serverOf(kc);
      const opts: WebSocket.ClientOptions & { headers?: Record<string, string> } = {};
      try {
        await kc.applyToHTTPSOptions(opts as never);
      } catch (e) {
        const user = kc.getCurrentUser();
        throw credentialError(
          e,
          user?.name ?? '',
          user?.exec?.command ?? user?.authProvider?.name ?? 'credential plugin',
        );
      }
      const plain = server.startsWith('http://');
      // As kubectl: credentials never travel over plain HTTP.
      if (plain && opts.headers) delete opts.headers.Authorization;
      const uri = `${plain ? 'ws' : 'wss'}://${server.replace(/^https?:\/\//, '')}${path}`;
      return new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(uri, o.protocols ?? CHANNEL_PROTOCOLS, { ...opts, perMessageDeflate: false });
        let settled = false;
        const fail = (e: unknown) => {
          if (settled) return;
          settled = true;
          reject(e);
        };
        ws.on('unexpected-response', (req, res) => {
          void readAll(res).then(
            (body) => {
              req.destroy();
              fail(statusError(res.statusCode ?? 500, body, server));
            },
            (e: unknown) => fail(transportError(e, server)),
          );
        });
        ws.on('error', (e) => fail(e instanceof BerthError ? e : transportError(e, server)));
        const onAbort = () => {
          ws.terminate();
          fail(o.signal?.reason);
        };
        if (o.signal?.aborted) onAbort();
        else o.signal?.addEventListener('abort', onAbort, { once: true });
        ws.on('open', () => {
          o.signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          resolve(ws);
        });
        ws.on('message', (data, isBinary) => {
          const buff = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          if (!isBinary) {
            if (textHandler && !textHandler(buff.toString('utf8'))) ws.close();
            return;
          }
          if (buff.length < 1) return;
          const stream = buff[0]!;
          if (stream === CLOSE_CHANNEL) {
            if (buff.length > 1) o.onCloseChannel?.(buff[1]!);
            return;
          }
          if (binaryHandler && !binaryHandler(stream, buff.subarray(1))) ws.close();
        });
      });
    },
  };
}
