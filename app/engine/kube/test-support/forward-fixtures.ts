// Port-forward test helpers (FAKE API server): a ready pod of service "web" in namespace "shop",
// the service itself, and a local TCP client that counts what it reads.
import net from 'node:net';
import type { FakeKubeApiServer } from './fake-api-server';
import { fakePod } from './kube-fixtures';

/** A ready pod labelled app=web whose container declares port 8080 named http. */
export function readyWebPod(name: string) {
  const p = fakePod('shop', name);
  return {
    ...p,
    metadata: { ...p.metadata, labels: { app: 'web' } },
    spec: { containers: [{ name: 'main', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** Service web (port 80 → the pods' port named http), selecting app=web. */
export function putWebService(fake: FakeKubeApiServer): void {
  fake.put('services', {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
  });
}

/** A TCP client: `got()` is everything read so far; `ended` resolves when its socket closed. */
export function tcpClient(port: number, host = '127.0.0.1') {
  const sock = net.connect({ port, host });
  const chunks: Buffer[] = [];
  let count = 0;
  sock.on('data', (c: Buffer) => {
    count += c.length;
    if (chunks.length < 4096) chunks.push(c);
  });
  sock.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => sock.on('close', () => resolve()));
  const connected = new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('error', reject);
  });
  return { sock, connected, ended, got: () => Buffer.concat(chunks), count: () => count };
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
