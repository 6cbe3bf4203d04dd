import { describe, expect, it } from 'vitest';
import { berthPaths, nativeEnginePaths } from './paths';

describe('berthPaths', () => {
  it('follows XDG on Linux', () => {
    expect(berthPaths({ XDG_DATA_HOME: '/x/data', XDG_CONFIG_HOME: '/x/config' }, 'linux', '/home/me')).toEqual({
      data: '/x/data/berth',
      config: '/x/config/berth',
    });
    expect(berthPaths({}, 'linux', '/home/me')).toEqual({
      data: '/home/me/.local/share/berth',
      config: '/home/me/.config/berth',
    });
  });

  it('lets BERTH_HOME move everything, on every platform', () => {
    for (const p of ['linux', 'darwin', 'win32'] as const) {
      expect(berthPaths({ BERTH_HOME: '/t/h', XDG_DATA_HOME: '/ignored' }, p, '/home/me')).toEqual({
        data: '/t/h/data',
        config: '/t/h/config',
      });
    }
  });

  it('uses platform conventions elsewhere', () => {
    expect(berthPaths({}, 'darwin', '/Users/me').data).toBe('/Users/me/Library/Application Support/Berth/data');
  });

  it('puts every engine file under the data dir', () => {
    const p = nativeEnginePaths({ data: '/d', config: '/c' });
    for (const v of Object.values(p)) expect(v.startsWith('/d/engine')).toBe(true);
    expect(p.socket).toBe('/d/engine/docker.sock');
  });
});
