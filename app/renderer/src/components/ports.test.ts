import { describe, expect, it } from 'vitest';
import type { PortMapping } from '../../../shared/contract';
import { portEntries, portUrl } from './ports';

const tcp = (hostPort: number, containerPort: number, hostIp?: string): PortMapping => ({
  hostPort,
  containerPort,
  protocol: 'tcp',
  ...(hostIp !== undefined ? { hostIp } : {}),
});

describe('published ports', () => {
  it('shows one entry per binding: the IPv4 and IPv6 twins of -p 18101:81 are one', () => {
    // What the engine reports for -p 18101:81 -p 18102:82 -p 127.0.0.1:18106:86.
    const engine = [
      tcp(18101, 81, '0.0.0.0'),
      tcp(18101, 81, '::'),
      tcp(18102, 82, '0.0.0.0'),
      tcp(18102, 82, '::'),
      tcp(18106, 86, '127.0.0.1'),
    ];
    expect(portEntries(engine).map((p) => p.text)).toEqual(['18101:81', '18102:82', '127.0.0.1:18106:86']);
  });

  it('keeps the same port bound on two specific addresses apart, and sorts by container port', () => {
    const entries = portEntries([tcp(9000, 90, '127.0.0.1'), tcp(9000, 90, '::1'), tcp(8000, 10)]);
    expect(entries.map((p) => p.text)).toEqual(['8000:10', '127.0.0.1:9000:90', '[::1]:9000:90']);
    expect(entries.map((p) => p.url)).toEqual(['http://localhost:8000', 'http://127.0.0.1:9000', 'http://[::1]:9000']);
  });

  it('links TCP only; UDP and SCTP are labelled, not links', () => {
    const [udp, sctp] = portEntries([
      { hostPort: 5353, containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0' },
      { hostPort: 5354, containerPort: 54, protocol: 'sctp' },
    ]);
    expect(udp).toMatchObject({ text: '5353:53/udp', protocol: 'udp' });
    expect(udp!.url).toBeUndefined();
    expect(udp!.description).toMatch(/not a web address/);
    expect(sctp!.url).toBeUndefined();
  });

  it('leaves out ports that are exposed but not published', () => {
    expect(portEntries([{ containerPort: 80, protocol: 'tcp' }])).toEqual([]);
  });

  it('makes browser links only for published TCP ports', () => {
    expect(portUrl({ hostPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('http://localhost:8080');
    expect(portUrl({ hostPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' })).toBe('http://127.0.0.1:8080');
    expect(portUrl({ hostPort: 53, protocol: 'udp' })).toBeUndefined();
    expect(portUrl({ protocol: 'tcp' })).toBeUndefined();
  });
});
