import { describe, expect, it } from 'vitest';
import { defaultProjectName } from './OpenComposeFile';
import { publishedPorts } from './Ports';

describe('compose page helpers', () => {
  it('shows the project name compose will derive from the file\u2019s folder', () => {
    expect(defaultProjectName('/home/me/My Shop/compose.yaml')).toBe('myshop');
    expect(defaultProjectName('')).toBe('');
  });
  it('lists each published port once and leaves out unpublished ones', () => {
    expect(
      publishedPorts([
        { containerPort: 80, hostPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' },
        { containerPort: 80, hostPort: 8080, hostIp: '::', protocol: 'tcp' },
        { containerPort: 9000, protocol: 'tcp' },
      ]),
    ).toEqual([{ containerPort: 80, hostPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }]);
  });
});
