// The port-forward stream's framing over a websocket (v4.channel.k8s.io, as the kubelet's streaming
// server speaks it for pods/portforward): one pair of channels per forwarded port — channel 0 carries
// the data both ways, channel 1 only the server's error text — every binary message starts with its
// channel byte, and the server starts each of its channels with the port as an unsigned 16-bit
// little-endian number. The client sends data as channel 0 messages without any prefix. Errors the
// kubelet writes on channel 1 become sentences here.
import { BerthError } from '../../shared/errors';

/** The websocket subprotocols offered for port-forward (binary channels; base64 is not needed). */
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'];
export const DATA_CHANNEL = 0;
export const ERROR_CHANNEL = 1;

/** A channel-0 message carrying `data` to the pod. */
export function dataFrame(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.length + 1);
  out[0] = DATA_CHANNEL;
  out.set(data, 1);
  return out;
}

/** The 2-byte port prefix the server starts a channel with (for the fake API server and tests). */
export function portPrefix(port: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(port, 0);
  return b;
}

/**
 * Strips the port prefix from the start of one channel, however the server splits it across
 * messages, and checks it names the forwarded port. `take` returns the bytes after the prefix.
 */
export class ChannelStart {
  private seen: number[] = [];
  constructor(
    private readonly port: number,
    private readonly channel: string,
  ) {}

  get started(): boolean {
    return this.seen.length >= 2;
  }

  take(buff: Buffer): Buffer {
    if (this.started) return buff;
    let i = 0;
    while (this.seen.length < 2 && i < buff.length) this.seen.push(buff[i++]!);
    if (this.started) {
      const port = this.seen[0]! | (this.seen[1]! << 8);
      if (port !== this.port)
        throw new BerthError({
          kind: 'internal',
          message: `The API server's port-forward stream named port ${port} on its ${this.channel} channel, not the port ${this.port} Berth asked for.`,
        });
    }
    return buff.subarray(i);
  }
}

/**
 * The kubelet's error text for one connection (e.g. "error forwarding port 8080 to pod …: … connect:
 * connection refused") as a sentence saying what failed, why, and what to do.
 */
export function forwardErrorSentence(text: string, pod: string, port: number): string {
  const said = text.trim();
  if (/connection refused|connect: cannot assign|no such host/i.test(said))
    return `Nothing in pod ${pod} listens on port ${port} (the connection was refused inside the pod). Check the port the application listens on, or that it has started.`;
  if (/not found|no such (container|sandbox)|sandbox .* not ready|container not running/i.test(said))
    return `Pod ${pod} is not running any more, so port ${port} cannot be reached. Stop this forward and start one to a running pod.`;
  if (/timed? ?out|deadline exceeded/i.test(said))
    return `Port ${port} of pod ${pod} did not answer in time. Check that the application there accepts connections.`;
  return `The connection to port ${port} of pod ${pod} failed: ${said || 'the cluster gave no reason'}.`;
}
