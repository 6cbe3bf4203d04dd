import { describe, expect, it } from 'vitest';
import { DOCKER_HUB, parseRegistryServer, registryServer } from '../../shared/contract/areas/registries';
import { normalizeKey, registryKeyOf, sameRegistry } from './registry-key';

describe('registry addresses', () => {
  it('normalizes what people type to the docker CLI key', () => {
    const key = (s: string) => {
      const r = parseRegistryServer(s);
      return r.ok ? r.key : r.message;
    };
    expect(key('registry.example.com')).toBe('registry.example.com');
    expect(key('https://Registry.Example.com/')).toBe('registry.example.com');
    expect(key('http://127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(key('  localhost:5000 ')).toBe('localhost:5000');
    expect(key('[::1]:5000')).toBe('[::1]:5000');
    for (const hub of [
      'docker.io',
      'index.docker.io',
      'registry-1.docker.io',
      'https://index.docker.io/v1/',
      'https://index.docker.io/v1',
    ])
      expect(key(hub)).toBe(DOCKER_HUB);
  });

  it('refuses empty input, other schemes, paths, spaces, bad hosts and ports with a sentence', () => {
    const cases: [string, RegExp][] = [
      ['', /Give the registry address/],
      ['   ', /Give the registry address/],
      ['ftp://registry.example.com', /not ftp/],
      ['ssh://host', /not ssh/],
      ['registry.example.com/team/app', /without a path such as "\/team\/app"/],
      ['https://host/v2/', /without a path/],
      ['my registry.com', /contains spaces/],
      ['host:0', /port must be a number between 1 and 65535/],
      ['host:70000', /port must be a number between 1 and 65535/],
      ['host:abc', /port must be a number/],
      ['-bad-.com', /not a valid host name/],
      ['user@host.com', /only the host/],
      ['https://', /names no host/],
    ];
    for (const [input, message] of cases) {
      const r = parseRegistryServer(input);
      expect(r.ok, input).toBe(false);
      expect(!r.ok && r.message, input).toMatch(message);
    }
    const z = registryServer.safeParse('ftp://x');
    expect(z.success).toBe(false);
    expect(z.error?.issues[0]?.message).toMatch(/not ftp/);
  });

  it('finds the registry of an image reference as the CLI does', () => {
    expect(registryKeyOf('busybox')).toBe(DOCKER_HUB);
    expect(registryKeyOf('library/busybox:1.36')).toBe(DOCKER_HUB);
    expect(registryKeyOf('docker.io/library/busybox')).toBe(DOCKER_HUB);
    expect(registryKeyOf('127.0.0.1:5000/team/app:v1')).toBe('127.0.0.1:5000');
    expect(registryKeyOf('localhost:5000/app')).toBe('localhost:5000');
    expect(registryKeyOf('ghcr.io/org/app@sha256:' + 'a'.repeat(64))).toBe('ghcr.io');
    expect(() => registryKeyOf('a//b')).toThrow();
  });

  it('matches config keys written with a scheme or path', () => {
    expect(normalizeKey('https://index.docker.io/v1/')).toBe(DOCKER_HUB);
    expect(normalizeKey('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(sameRegistry('https://registry.example.com', 'registry.example.com')).toBe(true);
    expect(sameRegistry('registry.example.com:443', 'registry.example.com')).toBe(false);
  });
});
