// A forward over its life against the FAKE API server (no API server can run here): a service's
// (and a deployment's) forward follows its pods (the pod deleted and replaced, a new connection reaches the new one and
// the forward says which pod it reaches now), a pod's forward stays pinned to its pod, and a start
// cancelled while it resolves the target or binds the port leaves nothing listening and nothing listed.
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubePortForwardDto } from '../../shared/contract/areas/kube-port-forward';
import { PortForwards, type StartForward } from './port-forward';
import { fakeContexts } from './test-support/fake-contexts';
import { freePort, putWebService, readyWebPod, tcpClient } from './test-support/forward-fixtures';

const startFake = fakeContexts('berth-kube-pfl-');
const forwards: PortForwards[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const f of forwards.splice(0)) await f.closeAll();
});

async function setUp() {
  const { fake, kc } = await startFake();
  putWebService(fake);
  fake.put('pods', readyWebPod('web-1'));
  for (const pod of ['web-1', 'web-2', 'web-3']) fake.portForwards.listen('shop', pod, 8080, { type: 'echo' });
  const pf = new PortForwards();
  forwards.push(pf);
  const lists: KubePortForwardDto[][] = [];
  pf.onChange((l) => lists.push(l));
  const start = (o: Partial<StartForward>, signal?: AbortSignal) =>
    pf.start(
      kc,
      { context: 'fake', namespace: 'shop', kind: 'service', name: 'web', remotePort: 80, localPort: 0, ...o },
      signal,
    );
  return { fake, pf, start, lists };
}

/** One connection: sends `text` and resolves with what came back once it is all there. */
async function echo(port: number, text: string): Promise<string> {
  const tcp = tcpClient(port);
  tcp.sock.write(text);
  await Promise.race([vi.waitFor(() => expect(tcp.got().length).toBeGreaterThanOrEqual(text.length)), tcp.ended]);
  tcp.sock.destroy();
  return tcp.got().toString();
}

describe('a forward over its life against the fake API server', () => {
  it("a service's new connection reaches a new ready pod once its pod is deleted, and the forward says which", async () => {
    const { fake, pf, start } = await setUp();
    const f = await start({});
    expect(f.pod).toBe('web-1');
    expect(await echo(f.localPort, 'one')).toBe('one');

    fake.remove('pods', 'shop', 'web-1');
    fake.put('pods', readyWebPod('web-2'));
    expect(await echo(f.localPort, 'two')).toBe('two');
    expect(fake.portForwards.streams.at(-1)).toMatchObject({ pod: 'web-2', port: 8080 });
    expect(pf.list()[0]).toMatchObject({ pod: 'web-2', podPort: 8080, accepted: 2 });
    expect(pf.list()[0]?.lastError).toBeUndefined();

    // Later connections go straight to the new pod (no second try against the one gone).
    const asked = fake.portForwards.streams.length;
    expect(await echo(f.localPort, 'three')).toBe('three');
    expect(fake.portForwards.streams.slice(asked).map((s) => s.pod)).toEqual(['web-2']);
  });

  it('a service whose pods are all gone: the sentence says it has no ready pod; one ready again is used', async () => {
    const { fake, pf, start } = await setUp();
    const f = await start({});
    fake.remove('pods', 'shop', 'web-1');
    await tcpClient(f.localPort).ended;
    expect(pf.list()[0]?.lastError?.message).toBe(
      'The service web has no ready pod to forward to (its selector app=web matches 0 pods, none ready). Wait until one is ready, or check why they are not.',
    );
    fake.put('pods', readyWebPod('web-3'));
    expect(await echo(f.localPort, 'back')).toBe('back');
    expect(pf.list()[0]?.pod).toBe('web-3');
  });

  it("a deployment's forward reaches a ready pod's container port, and a new pod once that one is gone", async () => {
    const { fake, pf, start } = await setUp();
    fake.put('deployments', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    });
    const f = await start({ kind: 'deployment', name: 'web', remotePort: 8080 });
    expect(f).toMatchObject({ kind: 'deployment', pod: 'web-1', podPort: 8080 });
    expect(await echo(f.localPort, 'one')).toBe('one');
    fake.remove('pods', 'shop', 'web-1');
    fake.put('pods', readyWebPod('web-3'));
    expect(await echo(f.localPort, 'two')).toBe('two');
    expect(fake.portForwards.streams.at(-1)).toMatchObject({ pod: 'web-3', port: 8080 });
    expect(pf.list()[0]).toMatchObject({ pod: 'web-3', podPort: 8080 });
  });

  it("a pod's forward stays pinned to its pod: when it is gone, new connections are refused with a sentence", async () => {
    const { fake, pf, start } = await setUp();
    fake.put('pods', readyWebPod('web-2'));
    const f = await start({ kind: 'pod', name: 'web-1', remotePort: 8080 });
    fake.remove('pods', 'shop', 'web-1');
    await tcpClient(f.localPort).ended;
    expect(pf.list()[0]).toMatchObject({ pod: 'web-1' });
    expect(pf.list()[0]?.lastError?.message).toBe(
      'Pod web-1 is gone (pods "web-1" not found). Stop this forward and start a new one to a running pod.',
    );
    expect(fake.portForwards.streams.map((s) => s.pod)).toEqual([]);
  });
});

describe('a start cancelled while it is under way, against the fake API server', () => {
  for (const how of ['Berth quits', 'the caller cancels'] as const)
    it(`${how} while the target is resolved: nothing listens and nothing is listed`, async () => {
      const { fake, pf, start, lists } = await setUp();
      const held = fake.holds.hold(/\/services\/web$/);
      const port = await freePort();
      const ac = new AbortController();
      const starting = start({ localPort: port }, ac.signal);
      await vi.waitFor(() => expect(held.waiting()).toBe(1));
      if (how === 'Berth quits') await pf.closeAll();
      else ac.abort();
      await expect(starting).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringContaining(
          'The port-forward to service web:80 was cancelled before it started listening',
        ),
      });
      held.release();
      await expect(tcpClient(port).connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(pf.list()).toEqual([]);
      expect(lists.flat()).toEqual([]);
    });

  it('Berth quits while the port is being bound: the listener that comes up is closed, nothing is listed', async () => {
    const { pf, start, lists } = await setUp();
    const port = await freePort();
    const listen = net.Server.prototype.listen;
    let bind: (() => void) | undefined;
    vi.spyOn(net.Server.prototype, 'listen').mockImplementationOnce(function (this: net.Server, ...args: unknown[]) {
      bind = () => void listen.apply(this, args as Parameters<typeof listen>);
      return this;
    });
    const starting = start({ localPort: port });
    await vi.waitFor(() => expect(bind).toBeDefined());
    const quit = pf.closeAll();
    bind!();
    await expect(starting).rejects.toMatchObject({ kind: 'unavailable' });
    await quit;
    await expect(tcpClient(port).connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(pf.list()).toEqual([]);
    expect(lists.flat()).toEqual([]);
    // A start after quitting is refused the same way.
    await expect(start({})).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
