import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  errorsOf,
  exposedOffers,
  fieldGroup,
  localImage,
  splitCommand,
  toSpec,
  validateForm,
  withoutRow,
} from './run-form';

describe('the run form', () => {
  it('splits commands like a shell, with quotes', () => {
    expect(splitCommand(`sh -c 'echo "hi there"; sleep 1'`)).toEqual(['sh', '-c', 'echo "hi there"; sleep 1']);
    expect(splitCommand('  a  "b c"\\ d "" ')).toEqual(['a', 'b c d', '']);
  });

  it('refuses port 70000, a bad name and a relative mount target with sentences per field', () => {
    const f = {
      ...emptyForm('busybox'),
      name: '-bad',
      ports: [{ hostIp: '', hostPort: '70000', containerPort: '80', protocol: 'tcp' as const }],
      volumes: [{ source: 'data', target: 'relative', readOnly: false }],
      env: 'GOOD=1\nbad line',
    };
    const errors = validateForm(f);
    expect(errors['ports.0.hostPort']).toMatch(/between 1 and 65535/);
    expect(errors.name).toMatch(/starts with a letter or digit/);
    expect(errors['volumes.0.target']).toMatch(/absolute/);
    expect(errors['env.1']).toMatch(/Line 2: .*KEY=value/);
    expect(errors['env.0']).toBeUndefined();
  });

  it('turns a valid form into a run spec', () => {
    const spec = toSpec({
      ...emptyForm('busybox'),
      name: 'web',
      command: 'httpd -f -p 80',
      env: 'A=1\n\n',
      ports: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      volumes: [{ source: 'data', target: '/data', readOnly: true }],
    });
    expect(spec).toMatchObject({
      image: 'busybox',
      name: 'web',
      command: ['httpd', '-f', '-p', '80'],
      env: ['A=1'],
      ports: [{ containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }],
      volumes: [{ source: 'data', target: '/data', readOnly: true }],
    });
    expect(validateForm({ ...emptyForm('busybox'), name: 'web' })).toEqual({});
  });

  it('accepts a bare KEY and reports every bad environment line', () => {
    const errors = validateForm({ ...emptyForm('busybox'), env: 'KEY\nA=1\nbad key\n=x' });
    expect(errors['env.0']).toBeUndefined();
    expect(Object.keys(errors)).toEqual(['env.2', 'env.3']);
    expect(errorsOf(errors, 'env', () => true)).toHaveLength(2);
    expect(errorsOf(errors, 'env', (k) => k === 'env.3')).toEqual([errors['env.3']]);
  });

  it('moves the touched marks of later rows up when a row is removed', () => {
    const touched = new Set([
      'image',
      'ports.0.hostPort',
      'ports.1.containerPort',
      'ports.2.hostPort',
      'volumes.1.source',
    ]);
    expect([...withoutRow(touched, 'ports', 1)].sort()).toEqual(
      ['image', 'ports.0.hostPort', 'ports.1.hostPort', 'volumes.1.source'].sort(),
    );
  });

  it('finds the local image a typed reference names', () => {
    const tags = ['busybox:latest', 'registry.local:5000/app:1'];
    expect(localImage('busybox', tags)).toBe('busybox:latest');
    expect(localImage('busybox:latest', tags)).toBe('busybox:latest');
    expect(localImage('registry.local:5000/app', tags)).toBeUndefined();
    expect(localImage('registry.local:5000/app:1', tags)).toBe('registry.local:5000/app:1');
    expect(localImage('abcdef123456', tags, ['sha256:abcdef1234567890'])).toBe('sha256:abcdef1234567890');
    expect(localImage('nginx', tags)).toBeUndefined();
  });

  it('offers the exposed ports not yet published', () => {
    const rows = [{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' as const }];
    expect(exposedOffers(['80/tcp', '80/udp', '443/tcp', 'junk'], rows)).toEqual([
      { hostIp: '', hostPort: '', containerPort: '80', protocol: 'udp' },
      { hostIp: '', hostPort: '', containerPort: '443', protocol: 'tcp' },
    ]);
  });

  it('says which field a server error concerns', () => {
    expect(fieldGroup('ports.0.hostPort')).toBe('ports');
    expect(fieldGroup('command')).toBe('command');
    expect(fieldGroup('restart')).toBe('restart');
    expect(fieldGroup('labels.x')).toBe('form');
    expect(fieldGroup(undefined)).toBe('form');
  });
});
