import { describe, expect, it } from 'vitest';
import { serviceSpec } from '../../../../shared/contract/areas/swarm';
import {
  checkServiceForm,
  emptyServiceForm,
  formatSize,
  formFromSpec,
  groupOf,
  parseSize,
  toSpec,
  type ServiceForm,
} from './service-form';

const form = (over: Partial<ServiceForm> = {}): ServiceForm => ({
  ...emptyServiceForm('busybox:latest'),
  name: 'web',
  ...over,
});

describe('the service form model', () => {
  it('an empty form says what is missing, keyed by field', () => {
    const errors = checkServiceForm(emptyServiceForm());
    expect(Object.keys(errors).sort()).toEqual(['image', 'name']);
  });

  it('a filled form passes the contract as it is sent', () => {
    const f = form({ command: "sh -c 'echo hi; sleep 9'", env: 'A=1\n\n B=2 ', replicas: '3' });
    expect(checkServiceForm(f)).toEqual({});
    const spec = serviceSpec.parse(toSpec(f));
    expect(spec.command).toEqual(['sh', '-c', 'echo hi; sleep 9']);
    expect(spec.env).toEqual(['A=1', 'B=2']);
    expect(spec.replicas).toBe(3);
  });

  it('refuses negative replicas and words where a number goes, at their field', () => {
    expect(checkServiceForm(form({ replicas: '-1' })).replicas).toBe('Replicas is 0 or more.');
    expect(checkServiceForm(form({ replicas: 'three' })).replicas).toMatch(/whole number/);
  });

  it('a port published twice is refused at the second row, naming both', () => {
    const port = { published: '8080', target: '80', protocol: 'tcp' as const, mode: 'host' as const };
    const errors = checkServiceForm(form({ ports: [port, { ...port, target: '81' }] }));
    expect(errors['ports.1.published']).toBe(
      'Port 2: Port 8080/tcp is published twice (rows 1 and 2); a port can be published once.',
    );
    expect(errors['ports.0.published']).toBeUndefined();
  });

  it('constraints that can never match say so', () => {
    const errors = checkServiceForm(form({ constraints: 'node.role==manager\nnode.role==worker' }));
    expect(Object.values(errors).join(' ')).toMatch(/can never match/);
  });

  it('a global service sends no replica count', () => {
    expect(toSpec(form({ mode: 'global', replicas: '5' })).replicas).toBeUndefined();
    expect(checkServiceForm(form({ mode: 'global' }))).toEqual({});
  });

  it('sizes: 256m and 1.5g in, the largest whole unit out', () => {
    expect(parseSize('256m')).toBe(256 * 1024 ** 2);
    expect(parseSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('lots')).toBeNaN();
    expect(formatSize(256 * 1024 ** 2)).toBe('256m');
    expect(formatSize(1000)).toBe('1000');
  });

  it("a service's settings come back into the form unchanged (an update changes only what the user changes)", () => {
    const f = form({
      command: "sh -c 'while true; do sleep 1; done'",
      env: 'A=1',
      ports: [{ published: '8080', target: '80', protocol: 'udp', mode: 'host' }],
      mounts: [{ type: 'tmpfs', source: '', target: '/cache', readOnly: false }],
      resources: { cpuLimit: '0.5', memoryLimit: '64m', cpuReservation: '', memoryReservation: '' },
      constraints: 'node.role==manager',
      secrets: [{ name: 'db-password', target: '' }],
      labels: { 'com.docker.stack.namespace': 'shop' },
    });
    const spec = serviceSpec.parse(toSpec(f));
    expect(toSpec(formFromSpec(spec))).toEqual(toSpec(f));
  });

  it("a server refusal's field picks the form section it belongs to", () => {
    expect(groupOf('ports.2.published')).toBe('ports');
    expect(groupOf('secrets')).toBe('secrets');
    expect(groupOf(undefined)).toBe('form');
    expect(groupOf('somethingElse')).toBe('form');
  });
});
