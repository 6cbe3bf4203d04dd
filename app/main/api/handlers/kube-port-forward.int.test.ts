// kube.portForward.* through the contract (a Session, as both transports use it) against the FAKE
// API server (no Kubernetes API server can run here), whose pods/portforward streams speak the
// kubelet's v4.channel.k8s.io protocol. A real TCP client connects to the local port: bytes come
// back through the stream (megabytes too, so flow control holds both ways), the listener is on
// 127.0.0.1 only, a forbidden forward, a port nothing listens on and a pod gone are sentences on
// the forward, and stopping (or Berth quitting) closes the listener and its connections.
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../harness/temp-dirs';
import { FakeKubeApiServer } from '../../../engine/kube/test-support/fake-api-server';
import { readyWebPod } from '../../../engine/kube/test-support/forward-fixtures';
import { until, writeKubeconfig } from '../../../engine/kube/test-support/kube-fixtures';
import type { KubePortForwardDto } from '../../../shared/contract/areas/kube-port-forward';
import { closeKubeForwards, kubeForwards } from '../kube-forwards';
import { contractSession } from '../test-support/contract-session';

const tmp = tempDirs('berth-kube-pf-');
let fake: FakeKubeApiServer;
const savedEnv = process.env.KUBECONFIG;

beforeEach(async () => {
  fake = await FakeKubeApiServer.start({});
  process.env.KUBECONFIG = writeKubeconfig(path.join(tmp(), 'config'), [
    { name: 'fake', server: fake.url, namespace: 'shop' },
  ]);
  fake.put('pods', readyWebPod('web-1'));
  fake.put('services', {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
  });
  fake.portForwards.listen('shop', 'web-1', 8080, { type: 'echo' });
});
afterEach(async () => {
  await closeKubeForwards();
  await fake.close();
  if (savedEnv === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = savedEnv;
});

/** A TCP client: `got()` is everything read so far; `ended` resolves when the server side closed. */
function client(port: number, host = '127.0.0.1') {
  const sock = net.connect({ port, host });
  const chunks: Buffer[] = [];
  sock.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => sock.on('close', () => resolve()));
  const connected = new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('error', reject);
  });
  return { sock, connected, ended, got: () => Buffer.concat(chunks) };
}

/** Each forward's last failure, by id. */
async function lastErrors(c: ReturnType<typeof contractSession>): Promise<Record<string, string | undefined>> {
  const r = (await c.request('kube.portForward.list', {})) as { result: KubePortForwardDto[] };
  return Object.fromEntries(r.result.map((f) => [f.id, f.lastError?.message]));
}

async function start(c: ReturnType<typeof contractSession>, args: object): Promise<KubePortForwardDto> {
  const r = await c.request('kube.portForward.start', { namespace: 'shop', localPort: 0, ...args });
  if (!r.ok) throw new Error(r.error.message);
  return r.result as KubePortForwardDto;
}

describe('kube port-forward through the contract against the fake API server', () => {
  it("forwards a service's port to its ready pod's named targetPort: a real TCP client gets its bytes back", async () => {
    const c = contractSession();
    const live = c.subscribe('kube.portForwards', {});
    const f = await start(c, { kind: 'service', name: 'web', remotePort: 80 });
    expect(f).toMatchObject({ kind: 'service', name: 'web', pod: 'web-1', podPort: 8080, host: '127.0.0.1' });
    expect(f.localPort).toBeGreaterThan(0);

    const tcp = client(f.localPort);
    tcp.sock.write('hello through the pod\n');
    await until(() => tcp.got().toString() === 'hello through the pod\n');
    expect(fake.portForwards.streams.at(-1)).toMatchObject({
      namespace: 'shop',
      pod: 'web-1',
      port: 8080,
      protocol: 'v4.channel.k8s.io',
    });
    // The live list saw the forward and its open connection.
    await until(() => (live.items().at(-1) as KubePortForwardDto[] | undefined)?.[0]?.open === 1);

    // Four megabytes there and back: nothing lost or reordered while either side is held back.
    const big = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 11)) & 0xff;
    const before = tcp.got().length;
    tcp.sock.write(big);
    await until(() => tcp.got().length >= before + big.length, 30_000);
    expect(tcp.got().subarray(before).equals(big)).toBe(true);

    // The client resets its connection (an end alone is a half-close, kept open for the pod's answer
    // until the pod is quiet: port-forward-connection.test.ts).
    tcp.sock.resetAndDestroy();
    await tcp.ended;
    await until(() => fake.portForwards.openCount() === 0);
    expect(await c.request('kube.portForward.list', {})).toMatchObject({
      ok: true,
      result: [{ id: f.id, open: 0, accepted: 1 }],
    });
    live.close();
  });

  it('the live list is latest-only: 50 changes while the view does not acknowledge give it one more list, the current one', async () => {
    const c = contractSession();
    const live = c.subscribe('kube.portForwards', {});
    const lists = () =>
      c.frames.flatMap((f) => (f.t === 'data' && f.id === live.id ? f.items : [])) as KubePortForwardDto[][];
    await until(() => lists().length === 1); // the list when the view opened, not acknowledged
    expect(lists()[0]).toEqual([]);
    const opened: KubePortForwardDto[] = [];
    for (let i = 0; i < 10; i++) opened.push(await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 }));
    for (let i = 0; i < 20; i++) {
      const tcp = client(opened[0]!.localPort);
      tcp.sock.write('x');
      await until(() => tcp.got().length === 1);
      tcp.sock.resetAndDestroy();
    }
    await until(() => kubeForwards().list()[0]?.open === 0); // 10 starts, 20 opened and 20 closed: 50 changes
    expect(lists()).toHaveLength(1);

    live.items(); // the view takes what it got: the newest list follows, and only that one
    await until(() => lists().length === 2);
    expect(lists()[1]).toEqual(kubeForwards().list());
    expect(lists()[1]![0]).toMatchObject({ open: 0, accepted: 20 });
    live.close();
  });

  it('listens on 127.0.0.1 only, and a chosen local port is kept', async () => {
    const c = contractSession();
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const free = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const f = await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080, localPort: free });
    expect(f.localPort).toBe(free);
    // Another loopback address of this machine is refused: the listener is not on every interface.
    const other = client(free, '127.0.0.2');
    await expect(other.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The same port again is in use: a sentence, not a second listener.
    expect(
      await c.request('kube.portForward.start', {
        namespace: 'shop',
        kind: 'pod',
        name: 'web-1',
        remotePort: 8080,
        localPort: free,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: `Port ${free} on 127.0.0.1 is already in use by another program. Choose another local port, or 0 for any free one.`,
      },
    });
  });

  it('keeps at most 32 forwards open: the 33rd is refused with a sentence until one stops', async () => {
    const c = contractSession();
    const opened: KubePortForwardDto[] = [];
    for (let i = 0; i < 32; i++) opened.push(await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 }));
    expect(
      await c.request('kube.portForward.start', {
        namespace: 'shop',
        localPort: 0,
        kind: 'pod',
        name: 'web-1',
        remotePort: 8080,
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringContaining('at most 32 port-forwards open at once') },
    });
    expect(await c.request('kube.portForward.stop', { id: opened[0]!.id })).toMatchObject({ ok: true });
    await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 });
  });

  it("a forbidden forward gives the cluster's RBAC sentence on the forward", async () => {
    const c = contractSession();
    fake.deny('admin', 'create', 'pods/portforward');
    const f = await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 });
    const refused = client(f.localPort);
    await refused.ended;
    expect(refused.got().length).toBe(0);
    expect((await lastErrors(c))[f.id]).toBe(
      'Kubernetes refused this: pods "web-1" is forbidden: User "admin" cannot create resource "pods/portforward" in API group "" in the namespace "shop". Ask a cluster administrator for that permission, or switch to a context that has it.',
    );
  });

  it('a port nothing listens on in the pod, and a pod gone, are sentences on the forward', async () => {
    const c = contractSession();
    const f = await start(c, { kind: 'pod', name: 'web-1', remotePort: 9999 });
    expect(f.podPort).toBe(9999);
    await client(f.localPort).ended;
    expect((await lastErrors(c))[f.id]).toBe(
      'Nothing in pod web-1 listens on port 9999 (the connection was refused inside the pod). Check the port the application listens on, or that it has started.',
    );
    fake.remove('pods', 'shop', 'web-1');
    await client(f.localPort).ended;
    expect((await lastErrors(c))[f.id]).toBe(
      'Pod web-1 is gone (pods "web-1" not found). Stop this forward and start a new one to a running pod.',
    );
  });

  it('stop closes the listener and the open connections; Berth quitting closes every forward', async () => {
    const c = contractSession();
    const f = await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 });
    const tcp = client(f.localPort);
    tcp.sock.write('x');
    await until(() => tcp.got().toString() === 'x');
    expect(await c.request('kube.portForward.stop', { id: f.id })).toMatchObject({ ok: true });
    await tcp.ended;
    await until(() => fake.portForwards.openCount() === 0);
    await expect(client(f.localPort).connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await c.request('kube.portForward.stop', { id: f.id })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });

    const a = await start(c, { kind: 'service', name: 'web', remotePort: 80 });
    const b = await start(c, { kind: 'pod', name: 'web-1', remotePort: 8080 });
    await closeKubeForwards();
    for (const port of [a.localPort, b.localPort])
      await expect(client(port).connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses bad ports, names and ids before anything listens or reaches the cluster', async () => {
    const c = contractSession();
    const asked = fake.requests.length;
    const base = { namespace: 'shop', kind: 'pod', name: 'web-1', remotePort: 8080, localPort: 0 };
    for (const [method, args] of [
      ['kube.portForward.start', { ...base, remotePort: 0 }],
      ['kube.portForward.start', { ...base, remotePort: 65_536 }],
      ['kube.portForward.start', { ...base, remotePort: 80.5 }],
      ['kube.portForward.start', { ...base, localPort: -1 }],
      ['kube.portForward.start', { ...base, localPort: 70_000 }],
      ['kube.portForward.start', { ...base, localPort: '8080' }],
      ['kube.portForward.start', { ...base, name: 'a/b' }],
      ['kube.portForward.start', { ...base, namespace: 'Shop' }],
      ['kube.portForward.start', { ...base, kind: 'statefulset' }],
      ['kube.portForward.start', { ...base, host: '0.0.0.0' }],
      ['kube.portForward.stop', { id: '../x' }],
      ['kube.portForward.ports', { namespace: 'shop', kind: 'pod', name: 'A' }],
    ] as const) {
      expect(await c.request(method, args)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    }
    expect(fake.requests.length).toBe(asked);
    expect(await c.request('kube.portForward.list', {})).toMatchObject({ ok: true, result: [] });
  });

  it('offers the ports a service and a pod declare', async () => {
    const c = contractSession();
    expect(
      await c.request('kube.portForward.ports', { namespace: 'shop', kind: 'service', name: 'web' }),
    ).toMatchObject({ ok: true, result: [{ port: 80, name: 'web', label: 'web 80 → http/TCP' }] });
    expect(await c.request('kube.portForward.ports', { namespace: 'shop', kind: 'pod', name: 'web-1' })).toMatchObject({
      ok: true,
      result: [{ port: 8080, name: 'http', label: 'http 8080/TCP (container main)' }],
    });
  });
});
