// The compose service of a container, read back by the real compose CLI (`docker-compose config`
// validates and normalises a file without an engine): every setting survives the round trip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { skipUnless } from '../../../harness/skip';
import { composeServiceYaml, serviceName } from './compose-service';
import type { RunCommandInspect } from './run-command';

const dir = mkdtempSync(join(tmpdir(), 'berth-compose-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hasCompose(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's output, checked field by field
function composeConfig(yaml: string): Record<string, any> {
  const file = join(dir, 'docker-compose.yml');
  writeFileSync(file, yaml);
  return parse(
    execFileSync('docker-compose', ['-f', file, '--project-name', 'roundtrip', 'config'], { encoding: 'utf8' }),
  );
}

const inspect: RunCommandInspect = {
  Name: '/My Web',
  Config: {
    Image: 'nginx:1.27',
    Cmd: ['sh', '-c', 'echo "$HOME" costs $5 && exec nginx'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Env: ['PATH=/usr/bin', 'PRICE=$5', 'QUOTE=it\'s "fine"', 'BARE'],
    Labels: { team: 'web', 'com.docker.compose.project': 'other', fromimage: 'yes' },
    Tty: true,
    OpenStdin: true,
    WorkingDir: '/srv',
    User: '1000:1000',
  },
  HostConfig: {
    PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': [{ HostPort: '5353' }] },
    Binds: ['web-data:/data', '/etc/hosts:/host-hosts:ro'],
    Mounts: [{ Type: 'volume', Source: 'cache', Target: '/cache', ReadOnly: true }],
    NetworkMode: 'backend',
    RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    CapAdd: ['NET_ADMIN'],
    Memory: 256 * 1024 * 1024,
    NanoCpus: 1_500_000_000,
    ExtraHosts: ['db:10.0.0.2'],
  },
};
const image = {
  Config: {
    Cmd: ['nginx'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Env: ['PATH=/usr/bin'],
    Labels: { fromimage: 'yes' },
  },
};

describe('composeServiceYaml', () => {
  it('names the service as compose allows', () => {
    expect(serviceName('My Web')).toBe('my-web');
    expect(serviceName('__x')).toBe('x');
  });

  it.skipIf(skipUnless(hasCompose(), 'docker-compose (the compose CLI) is not installed here'))(
    'round-trips through docker-compose config with every setting (and literal $) intact',
    () => {
      const out = composeConfig(composeServiceYaml(inspect, image));
      const svc = out.services['my-web'];
      expect(svc.image).toBe('nginx:1.27');
      expect(svc.container_name).toBe('My Web');
      expect(svc.entrypoint).toBeUndefined(); // the image's own
      expect(svc.command).toEqual(['sh', '-c', 'echo "$$HOME" costs $$5 && exec nginx']);
      expect(svc.environment).toEqual({ PRICE: '$$5', QUOTE: 'it\'s "fine"', BARE: null });
      expect(svc.labels).toEqual({ team: 'web' });
      expect(svc.ports).toEqual(
        expect.arrayContaining([
          // compose 1.29 keeps a port with a host IP in the short form
          '127.0.0.1:8080:80/tcp',
          expect.objectContaining({ target: 53, published: 5353, protocol: 'udp' }),
        ]),
      );
      expect(svc.volumes).toEqual(
        expect.arrayContaining([
          // compose 1.29 writes short-form mounts back in the short form, with the mode spelt out
          'web-data:/data:rw',
          '/etc/hosts:/host-hosts:ro',
          expect.objectContaining({ type: 'volume', source: 'cache', target: '/cache', read_only: true }),
        ]),
      );
      expect(svc.networks).toEqual({ backend: null });
      expect(out.networks).toEqual({ backend: { external: true, name: 'backend' } });
      expect(Object.keys(out.volumes).sort()).toEqual(['cache', 'web-data']);
      expect(svc.restart).toBe('on-failure:3');
      expect(svc.cap_add).toEqual(['NET_ADMIN']);
      expect(svc.extra_hosts).toEqual(['db:10.0.0.2']);
      expect(svc.tty && svc.stdin_open).toBe(true);
      expect(svc.working_dir).toBe('/srv');
      expect(svc.user).toBe('1000:1000');
      expect(svc.cpus).toBe(1.5);
      expect(String(svc.mem_limit)).toMatch(/^(268435456|256m)$/);
    },
  );
});
