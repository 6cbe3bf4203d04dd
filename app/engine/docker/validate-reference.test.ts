import { describe, expect, it } from 'vitest';
import {
  checkGateway,
  checkImageTarget,
  checkLabels,
  checkNetworkName,
  checkSubnet,
  checkVolumeName,
  parseImageReference,
} from './validate-reference';

describe('image references', () => {
  it.each([
    ['busybox', { path: 'busybox', repository: 'busybox' }],
    ['busybox:1.36', { path: 'busybox', repository: 'busybox', tag: '1.36' }],
    ['library/busybox:latest', { path: 'library/busybox', tag: 'latest' }],
    [
      '127.0.0.1:5000/team/app:v1',
      { registry: '127.0.0.1:5000', path: 'team/app', repository: '127.0.0.1:5000/team/app', tag: 'v1' },
    ],
    ['localhost/app', { registry: 'localhost', path: 'app' }],
    ['registry.example.com/a/b/c', { registry: 'registry.example.com', path: 'a/b/c' }],
    ['my-registry:443/x', { registry: 'my-registry:443', path: 'x' }],
    ['[::1]:5000/app:tag', { registry: '[::1]:5000', path: 'app', tag: 'tag' }],
    ['a__b/c.d/e---f:Tag_1.x-y', { path: 'a__b/c.d/e---f', tag: 'Tag_1.x-y' }],
    [`app@sha256:${'a'.repeat(64)}`, { path: 'app', digest: `sha256:${'a'.repeat(64)}` }],
    [`app:v1@sha256:${'b'.repeat(64)}`, { path: 'app', tag: 'v1', digest: `sha256:${'b'.repeat(64)}` }],
  ])('accepts %s', (ref, expected) => {
    expect(parseImageReference(ref)).toMatchObject(expected);
  });

  it.each([
    ['', 'Give an image'],
    ['Busybox', 'must be lowercase'],
    ['team/App', 'must be lowercase'],
    ['app:', 'a tag has'],
    ['app:.hidden', 'a tag has'],
    [`app:${'x'.repeat(129)}`, 'a tag has'],
    ['app:bad tag', 'contains spaces'],
    ['a//b', 'empty path component'],
    ['a-/b', 'may only use'],
    ['-a', 'may only use'],
    ['a..b', 'may only use'],
    ['host:0/app', 'port must be'],
    ['host:99999/app', 'port must be'],
    ['bad_host.com/app', 'not a valid host'],
    ['app@sha256:abc', 'digest'],
    ['app@md5', 'digest'],
    [`${'a'.repeat(256)}`, 'longer than 255'],
    ['/app', 'empty path component'],
  ])('refuses %s', (ref, words) => {
    expect(() => parseImageReference(ref)).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'image', message: expect.stringContaining(words) }),
    );
  });

  it('accepts image ids where an existing image is meant', () => {
    expect(checkImageTarget(`sha256:${'c'.repeat(64)}`)).toBe(`sha256:${'c'.repeat(64)}`);
    expect(checkImageTarget('0123456789ab')).toBe('0123456789ab');
    expect(() => checkImageTarget('sha256:ABC:x')).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});

describe('names, labels and subnets', () => {
  it('checks volume and network names', () => {
    expect(checkVolumeName('data_1.x-y')).toBe('data_1.x-y');
    for (const bad of ['x', '-x', '.x', 'a/b', 'a b', '', 'a'.repeat(256)])
      expect(() => checkVolumeName(bad)).toThrow(expect.objectContaining({ field: 'name' }));
    expect(checkNetworkName('n')).toBe('n');
    for (const bad of ['-n', 'a b', 'a/b', ''])
      expect(() => checkNetworkName(bad)).toThrow(expect.objectContaining({ field: 'name' }));
  });

  it('checks labels', () => {
    expect(checkLabels({ a: 'b', 'com.example.x': '' })).toEqual({ a: 'b', 'com.example.x': '' });
    expect(checkLabels(undefined)).toEqual({});
    for (const bad of [{ '': 'x' }, { 'a b': 'x' }, { 'a=b': 'x' }, { a: 1 }, ['a'], 'a=b'])
      expect(() => checkLabels(bad)).toThrow(expect.objectContaining({ kind: 'invalid', field: 'labels' }));
  });

  it('checks subnets and gateways', () => {
    const s = checkSubnet('172.30.0.0/16');
    expect(s).toMatchObject({ family: 4, bits: 16 });
    expect(checkGateway('172.30.255.254', s)).toBe('172.30.255.254');
    expect(() => checkGateway('172.31.0.1', s)).toThrow(
      expect.objectContaining({
        field: 'gateway',
        message: 'The gateway 172.31.0.1 is not inside the subnet 172.30.0.0/16.',
      }),
    );
    expect(() => checkGateway('nope', s)).toThrow(expect.objectContaining({ field: 'gateway' }));
    expect(() => checkGateway('fd00::1', s)).toThrow(expect.objectContaining({ field: 'gateway' }));
    const v6 = checkSubnet('fd00:1:2::/48');
    expect(v6.family).toBe(6);
    expect(checkGateway('fd00:1:2::1', v6)).toBe('fd00:1:2::1');
    expect(checkGateway('fd00:1:2:ffff::1', v6)).toBe('fd00:1:2:ffff::1');
    expect(() => checkGateway('fd00:1:3::1', v6)).toThrow(expect.objectContaining({ field: 'gateway' }));
    expect(checkSubnet('0.0.0.0/0').bits).toBe(0);
    for (const bad of ['10.0.0.1/24', '10.0.0.0/33', '10.0.0.0', '300.0.0.0/8', 'fd00::1/64', 'x/8', ''])
      expect(() => checkSubnet(bad)).toThrow(expect.objectContaining({ kind: 'invalid', field: 'subnet' }));
  });
});
