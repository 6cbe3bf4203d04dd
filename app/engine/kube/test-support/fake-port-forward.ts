// The FAKE API server's pods/portforward streams (no API server can run here), as the kubelet's
// streaming server answers a websocket port-forward (v4.channel.k8s.io): per forwarded port a data
// channel (0) and an error channel (1), each started by the server with the port as a 2-byte
// little-endian number; the client's channel-0 messages are the bytes for the pod. Behind each port
// of a pod the test chooses what "listens": an echo, a tiny HTTP server answering one request, a
// flood (sends `total` bytes as fast as the stream takes them), or nothing automatic (the test sends and
// closes through the record). A pod that stops reading is `record.pod.pause()`. A port nothing
// listens on gets the kubelet's "connection refused" on the error channel. As the kubelet's v4
// stream, nothing carries a half-close: the pod learns the client's end only as the stream's close.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { portPrefix } from '../port-forward-protocol';

export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'];

/** What listens on a pod's port: bytes echoed back, one HTTP answer with `body`, a flood, or the test. */
export type FakeListener =
  | { type: 'echo' }
  | { type: 'http'; body: string }
  | { type: 'flood'; frame: number; total: number }
  | { type: 'manual' };

export interface FakeForwardRecord {
  namespace: string;
  pod: string;
  port: number;
  protocol: string;
  /** Bytes the client sent to the pod, and the pod sent to the client. */
  received: number;
  sent: number;
  closed: boolean;
  /** The pod's side: send bytes, close the stream, stop and go on reading what the client sends. */
  podSide: { send(data: string | Buffer): void; close(): void; pause(): void; resume(): void };
}

const frame = (channel: number, data: Buffer | string) =>
  Buffer.concat([Buffer.of(channel), typeof data === 'string' ? Buffer.from(data) : data]);

export class FakePortForwards {
  readonly streams: FakeForwardRecord[] = [];
  private readonly listeners = new Map<string, FakeListener>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => [...offered].find((p) => PORT_FORWARD_PROTOCOLS.includes(p)) ?? false,
  });

  /** Makes `port` of a pod answer as `listener` says. */
  listen(namespace: string, pod: string, port: number, listener: FakeListener = { type: 'echo' }): void {
    this.listeners.set(`${namespace}/${pod}/${port}`, listener);
  }

  openCount(): number {
    return this.streams.filter((s) => !s.closed).length;
  }

  close(): void {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }

  /** Upgrades a port-forward whose pod and permissions the server has checked. */
  upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: { namespace: string; pod: string },
    port: number,
  ) {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      const rec: FakeForwardRecord = {
        ...target,
        port,
        protocol: ws.protocol,
        received: 0,
        sent: 0,
        closed: false,
        podSide: {
          send: (data) => {
            rec.sent += data.length;
            ws.send(frame(0, data));
          },
          close: () => ws.close(1000),
          pause: () => ws.pause(),
          resume: () => ws.resume(),
        },
      };
      this.streams.push(rec);
      ws.on('close', () => {
        rec.closed = true;
        this.sockets.delete(ws);
      });
      // As the kubelet: each channel starts with the port.
      ws.send(frame(0, portPrefix(port)));
      ws.send(frame(1, portPrefix(port)));
      const listener = this.listeners.get(`${target.namespace}/${target.pod}/${port}`);
      if (!listener) {
        // The kubelet dials the port as the stream opens: nothing there is an error at once.
        ws.send(
          frame(
            1,
            `error forwarding port ${port} to pod ${target.pod}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-fake": failed to connect to localhost:${port} inside namespace "fake", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `,
          ),
        );
        ws.close(1000);
      }
      if (listener?.type === 'flood') {
        // As fast as the stream takes it: the next frame once the last has left for the socket.
        const chunk = Buffer.alloc(listener.frame, 0x61);
        const more = () => {
          if (ws.readyState !== ws.OPEN || rec.sent >= listener.total) return;
          rec.sent += chunk.length;
          ws.send(frame(0, chunk), (err) => {
            if (!err) more();
          });
        };
        more();
      }
      let request = '';
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary || data.length < 1 || data[0] !== 0) return;
        const body = data.subarray(1);
        rec.received += body.length;
        if (!listener || listener.type === 'flood' || listener.type === 'manual') return;
        if (listener.type === 'echo') rec.podSide.send(body);
        else {
          request += body.toString('latin1');
          if (!request.includes('\r\n\r\n')) return;
          const content = Buffer.from(listener.body);
          ws.send(
            frame(
              0,
              Buffer.concat([
                Buffer.from(
                  `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${content.length}\r\nConnection: close\r\n\r\n`,
                ),
                content,
              ]),
            ),
          );
          ws.close(1000);
        }
      });
    });
  }
}
