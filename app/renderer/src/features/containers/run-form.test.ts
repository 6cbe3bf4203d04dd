import { describe, expect, it } from 'vitest';
import { emptyForm, splitCommand, toSpec, validateForm } from './run-form';

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
});
