// Port-forward's pure parts: the v4 channel framing (the 2-byte port the server starts each channel
// with, however it is split), the kubelet's error text as sentences, and a service resolved to one
// ready pod and its targetPort (named ports included) as kubectl resolves it — the last also against
// the FAKE API server (no API server can run here), through a label-selected pod list.
import { describe, expect, it } from 'vitest';
import { ChannelStart, dataFrame, forwardErrorSentence, portPrefix } from './port-forward-protocol';
import {
  forwardablePorts,
  pickPod,
  resolveForwardTarget,
  servicePort,
  targetPortOf,
  type ForwardPod,
  type ForwardService,
} from './port-forward-target';
import { fakeContexts } from './test-support/fake-contexts';
import { fakePod } from './test-support/kube-fixtures';

const startFake = fakeContexts('berth-kube-pf-');

function pod(name: string, o: { ready?: boolean; restarts?: number; created?: string; phase?: string } = {}) {
  return {
    metadata: { name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'app',
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
        },
      ],
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  } satisfies ForwardPod & { metadata: { labels: Record<string, string> } };
}

const service = (ports: NonNullable<ForwardService['spec']>['ports'], extra = {}) =>
  ({ metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports, ...extra } }) satisfies ForwardService;

describe('port-forward framing (v4.channel.k8s.io)', () => {
  it('puts channel 0 before the bytes the client sends', () => {
    expect([...dataFrame(Buffer.from('hi'))]).toEqual([0, 104, 105]);
    expect([...portPrefix(8080)]).toEqual([0x90, 0x1f]);
  });

  it('strips the little-endian port the server starts a channel with, also when split across messages', () => {
    const whole = new ChannelStart(8080, 'data');
    expect(whole.take(Buffer.from([0x90, 0x1f])).length).toBe(0);
    expect(whole.take(Buffer.from('abc')).toString()).toBe('abc');
    const split = new ChannelStart(8080, 'data');
    expect(split.take(Buffer.from([0x90])).length).toBe(0);
    expect(split.started).toBe(false);
    expect(split.take(Buffer.from([0x1f, 0x41])).toString()).toBe('A');
    expect(split.take(Buffer.from([0x90, 0x1f])).length).toBe(2); // later bytes are data, prefix or not
  });

  it('refuses a stream that names another port', () => {
    expect(() => new ChannelStart(8080, 'error').take(Buffer.from([0x50, 0x00]))).toThrow(
      /named port 80 on its error channel, not the port 8080/,
    );
  });

  it('words the kubelet errors: nothing listening, the pod gone, anything else kept', () => {
    expect(
      forwardErrorSentence(
        'error forwarding port 8080 to pod abc, uid : failed to connect to localhost:8080 inside namespace "x", IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused',
        'web-1',
        8080,
      ),
    ).toBe(
      'Nothing in pod web-1 listens on port 8080 (the connection was refused inside the pod). Check the port the application listens on, or that it has started.',
    );
    expect(forwardErrorSentence('rpc error: code = NotFound desc = sandbox not found', 'web-1', 80)).toMatch(
      /^Pod web-1 is not running any more/,
    );
    expect(forwardErrorSentence('something odd', 'web-1', 80)).toBe(
      'The connection to port 80 of pod web-1 failed: something odd.',
    );
  });
});

describe('service → pod, as kubectl port-forward svc/… resolves it', () => {
  it('picks a ready running pod: fewest restarts, then the oldest', () => {
    const pods = [
      pod('not-ready', { ready: false }),
      pod('pending', { phase: 'Pending' }),
      pod('young', { created: '2026-03-01T00:00:00Z' }),
      pod('old', { created: '2026-02-01T00:00:00Z' }),
      pod('restarted', { created: '2025-01-01T00:00:00Z', restarts: 3 }),
    ];
    expect(pickPod(pods)?.metadata.name).toBe('old');
    expect(pickPod([pod('a', { ready: false })])).toBeUndefined();
  });

  it("maps the service port to the pod's targetPort: a number, a name, or the port itself", () => {
    const p = pod('web-1');
    const svc = service([
      { name: 'web', port: 80, targetPort: 'http' },
      { port: 81, targetPort: 9000 },
      { port: 82 },
      { port: 83, targetPort: 'metrics' },
      { port: 53, protocol: 'UDP' },
    ]);
    expect(targetPortOf(svc, servicePort(svc, 80), p)).toBe(8080);
    expect(targetPortOf(svc, servicePort(svc, 81), p)).toBe(9000);
    expect(targetPortOf(svc, servicePort(svc, 82), p)).toBe(82);
    expect(() => targetPortOf(svc, servicePort(svc, 83), p)).toThrow(
      'Port 83 of service web targets the port named “metrics”, which no container of pod web-1 declares.',
    );
    expect(() => servicePort(svc, 8080)).toThrow(
      'The service web has no port 8080. Its ports are: 80, 81, 82, 83, 53.',
    );
    expect(() => servicePort(svc, 53)).toThrow('Port 53 of service web is UDP: port-forward carries TCP only.');
    expect(() => servicePort(service([], { type: 'ExternalName' }), 80)).toThrow(/ExternalName/);
  });

  it('resolves through the fake API server: label-selected pods, no ready pod and no selector as sentences', async () => {
    const { fake, kc } = await startFake();
    fake.put('pods', { ...pod('web-2', { ready: false }), metadata: { ...pod('web-2').metadata, namespace: 'shop' } });
    fake.put('pods', {
      ...fakePod('shop', 'other'),
      metadata: { name: 'other', namespace: 'shop', labels: { app: 'x' } },
    });
    fake.put('services', {
      ...service([{ name: 'web', port: 80, targetPort: 'http' }]),
      metadata: { name: 'web', namespace: 'shop' },
    });
    fake.put('services', { metadata: { name: 'manual', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } });
    const of = (name: string) => resolveForwardTarget(kc, { namespace: 'shop', kind: 'service', name, port: 80 });
    await expect(of('web')).rejects.toThrow(
      'The service web has no ready pod to forward to (its selector app=web matches 1 pod, none ready).',
    );
    fake.put('pods', { ...pod('web-1'), metadata: { ...pod('web-1').metadata, namespace: 'shop' } });
    await expect(of('web')).resolves.toEqual({ pod: 'web-1', podPort: 8080 });
    expect(fake.requests.at(-1)?.query.labelSelector).toBe('app=web');
    await expect(of('manual')).rejects.toThrow(/has no selector/);
    await expect(resolveForwardTarget(kc, { namespace: 'shop', kind: 'pod', name: 'gone', port: 80 })).rejects.toThrow(
      /pods "gone" not found/,
    );
    expect(await forwardablePorts(kc, { namespace: 'shop', kind: 'service', name: 'web' })).toEqual([
      { port: 80, name: 'web', label: 'web 80 → http/TCP' },
    ]);
    expect(await forwardablePorts(kc, { namespace: 'shop', kind: 'pod', name: 'web-1' })).toEqual([
      { port: 8080, name: 'http', label: 'http 8080/TCP (container app)' },
    ]);
    fake.put('deployments', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: pod('x').spec } },
    });
    expect(await forwardablePorts(kc, { namespace: 'shop', kind: 'deployment', name: 'web' })).toEqual([
      { port: 8080, name: 'http', label: 'http 8080/TCP (container app)' },
    ]);
    await expect(
      resolveForwardTarget(kc, { namespace: 'shop', kind: 'deployment', name: 'web', port: 8080 }),
    ).resolves.toEqual({ pod: 'web-1', podPort: 8080 });
  });
});
