import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { createBody, validateRunSpec } from './container-run';
import { validateContainerName, validateImageRef, validatePort, validateRunSizes, validateSignal } from './validate';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).kind).toBe('invalid');
    return (e as BerthError).field;
  }
  return undefined;
}

describe('validation', () => {
  // Image references by the reference grammar.
  it.each([
    'busybox',
    'busybox:1.36',
    'library/busybox:latest',
    'registry.example.com:5000/team/app:v1.2-rc_3',
    'localhost:5000/x',
    '127.0.0.1:5000/a/b/c',
    'berth-fixture/busybox:latest',
    'a__b/c-d.e',
    `app@sha256:${'a'.repeat(64)}`,
    `app:1@sha256:${'b'.repeat(64)}`,
    'sha256:' + 'c'.repeat(64),
  ])('accepts the image reference %j', (ok) => {
    expect(validateImageRef(ok)).toBe(ok);
  });
  it.each([
    '',
    'Busybox',
    'busybox::1',
    'busybox:',
    ':tag',
    '-lead',
    'a//b',
    'a/-b',
    'app@sha256:short',
    'x:' + 't'.repeat(129),
    'has space',
  ])('refuses the image reference %j at the image', (bad) => {
    expect(fieldOf(() => validateImageRef(bad))).toBe('image');
  });

  it("container names by Docker's rule", () => {
    expect(validateContainerName('/web')).toBe('web');
    for (const ok of ['ab', 'web_1', 'a.b-c', '0x']) expect(validateContainerName(ok)).toBe(ok);
    for (const bad of ['a', '_ab', '-ab', 'a b', 'ä-b', '', 'a/b'])
      expect(fieldOf(() => validateContainerName(bad))).toBe('name');
  });

  it('ports and signals', () => {
    expect(validatePort(1, 'p')).toBe(1);
    expect(validatePort(65535, 'p')).toBe(65535);
    for (const bad of [0, 65536, 1.5, -1, NaN, '80'])
      expect(fieldOf(() => validatePort(bad, 'ports.0.hostPort'))).toBe('ports.0.hostPort');
    for (const ok of ['SIGTERM', 'KILL', '9', 'SIGRTMIN+3']) expect(validateSignal(ok)).toBe(ok);
    for (const bad of ['sig term', '', 'SIGTERM;']) expect(fieldOf(() => validateSignal(bad))).toBe('signal');
  });

  it('run specs, naming the field', () => {
    const img = 'busybox';
    expect(fieldOf(() => validateRunSpec({ image: img, ports: [{ containerPort: 80, hostIp: 'localhost' }] }))).toBe(
      'ports.0.hostIp',
    );
    expect(
      fieldOf(() =>
        validateRunSpec({
          image: img,
          ports: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 81, hostPort: 8080 },
          ],
        }),
      ),
    ).toBe('ports.1.hostPort');
    expect(
      fieldOf(() => validateRunSpec({ image: img, ports: [{ containerPort: 80, protocol: 'icmp' as never }] })),
    ).toBe('ports.0.protocol');
    expect(fieldOf(() => validateRunSpec({ image: img, volumes: [{ source: '/a', target: '/' }] }))).toBe(
      'volumes.0.target',
    );
    expect(
      fieldOf(() =>
        validateRunSpec({
          image: img,
          volumes: [
            { source: 'a', target: '/x' },
            { source: 'b', target: '/x' },
          ],
        }),
      ),
    ).toBe('volumes.1.target');
    expect(fieldOf(() => validateRunSpec({ image: img, autoRemove: true, restart: 'always' }))).toBe('restart');
    expect(fieldOf(() => validateRunSpec({ image: img, command: ['ok', 3 as never] }))).toBe('command');
    expect(fieldOf(() => validateRunSpec({ image: img, env: ['A=1', '=x'] }))).toBe('env.1');
    expect(fieldOf(() => validateRunSpec({ image: img, workingDir: 'rel' }))).toBe('workingDir');
    expect(fieldOf(() => validateRunSpec({ image: img, network: 'bad net' }))).toBe('network');
    expect(
      fieldOf(() =>
        validateRunSpec({
          image: img,
          ports: [{ containerPort: 80, hostIp: '::1', hostPort: 80 }],
          volumes: [{ source: 'v1', target: '/d' }],
        }),
      ),
    ).toBeUndefined();
  });

  it('builds the engine create body', () => {
    const body = createBody({
      image: 'busybox',
      command: ['sleep', '1'],
      env: ['A=1'],
      ports: [
        { containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1' },
        { containerPort: 80, hostPort: 8081 },
        { containerPort: 53, protocol: 'udp' },
      ],
      volumes: [
        { source: 'data', target: '/data' },
        { source: '/srv', target: '/srv', readOnly: true },
      ],
      restart: 'on-failure',
      restartMaxRetries: 3,
      labels: { a: 'b' },
      autoRemove: false,
      tty: true,
      interactive: true,
      network: 'net1',
    });
    expect(body).toMatchObject({
      Image: 'busybox',
      Cmd: ['sleep', '1'],
      Env: ['A=1'],
      Tty: true,
      OpenStdin: true,
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      Labels: { a: 'b' },
      HostConfig: {
        PortBindings: {
          '80/tcp': [
            { HostIp: '127.0.0.1', HostPort: '8080' },
            { HostIp: '', HostPort: '8081' },
          ],
          '53/udp': [{ HostIp: '', HostPort: '' }],
        },
        Mounts: [
          { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false },
          { Type: 'bind', Source: '/srv', Target: '/srv', ReadOnly: true },
        ],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        NetworkMode: 'net1',
        AutoRemove: false,
      },
    });
  });

  it('sizes by the shared rules, naming the field: 5 000 labels of 4 KB, a 51 MB command, a huge variable', () => {
    const labels = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'v'.repeat(4096)]));
    const refusal = (spec: Parameters<typeof validateRunSizes>[0]) => {
      try {
        validateRunSizes(spec);
        return undefined;
      } catch (e) {
        return { field: (e as BerthError).field, message: (e as BerthError).message };
      }
    };
    expect(refusal({ labels })).toEqual({ field: 'labels', message: 'A container takes at most 256 labels.' });
    expect(refusal({ command: ['sh', '-c', 'x'.repeat(51 * 1024 * 1024)] })).toEqual({
      field: 'command',
      message: 'The command takes at most 128 KB.',
    });
    expect(refusal({ entrypoint: Array(300).fill('x') })?.field).toBe('entrypoint');
    expect(refusal({ env: ['A=1', `B=${'x'.repeat(40_000)}`] })).toEqual({
      field: 'env.1',
      message: 'An environment variable has at most 32 KB.',
    });
    expect(refusal({ labels: { a: 'b' }, command: ['sleep', '1'], env: ['A=1'] })).toBeUndefined();
  });
});
