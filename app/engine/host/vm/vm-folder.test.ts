import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmFolder } from './vm-host-base';

describe('vmFolder', () => {
  it('puts the log and every named file in <data>/<name>', () => {
    const data = join('/tmp', 'berth-data');
    expect(vmFolder({ data, config: '/c' }, 'wsl', 'wsl.log', { stateFile: 'engine.json' })).toEqual({
      dir: join(data, 'wsl'),
      logFile: join(data, 'wsl', 'wsl.log'),
      stateFile: join(data, 'wsl', 'engine.json'),
    });
  });
});
