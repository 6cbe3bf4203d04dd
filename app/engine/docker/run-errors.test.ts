import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { passThroughEnv } from './container-run';
import { runErrorField, withRunField } from './run-errors';

// The engine's own words (dockerd 20.10 and later), as the create and start calls return them.
const engine = {
  noImage: 'No such image: berth-absent/never:v1',
  badRef: 'invalid reference format: repository name must be lowercase',
  nameInUse:
    'Conflict. The container name "/web" is already in use by container "0123abcd". You have to remove (or rename) that container to be able to reuse that name.',
  portAllocated:
    'driver failed programming external connectivity on endpoint web (0123): Bind for 0.0.0.0:8080 failed: port is already allocated',
  noCommand:
    'OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "nope": executable file not found in $PATH: unknown',
  mountOverDir:
    'OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:545: container init caused: rootfs_linux.go:76: mounting "/etc/hostname" to rootfs at "/bin" caused: mount through procfd: not a directory: unknown',
  noNetwork: 'network berth-no-such-net not found',
  unsupported: 'failed to create shim task: OCI runtime create failed: operation not supported: unknown',
  imported: 'error while importing layer: short read, report this',
};

describe('runErrorField', () => {
  it('puts each refusal on the field it concerns', () => {
    expect(runErrorField('create', engine.noImage)).toBe('image');
    expect(runErrorField('create', engine.badRef)).toBe('image');
    expect(runErrorField('create', engine.nameInUse)).toBe('name');
    expect(runErrorField('create', engine.noNetwork)).toBe('network');
    expect(runErrorField('start', engine.portAllocated)).toBe('ports');
    expect(runErrorField('start', engine.noCommand)).toBe('command');
    expect(runErrorField('start', engine.mountOverDir)).toBe('volumes');
  });

  it('a missing command is never the image, and "support"/"report" are not ports', () => {
    expect(runErrorField('start', engine.noCommand)).not.toBe('image');
    expect(runErrorField('start', engine.unsupported)).toBeUndefined();
    expect(runErrorField('create', engine.unsupported)).toBeUndefined();
    expect(runErrorField('start', engine.imported)).toBeUndefined();
  });

  it('keeps a field already given, and leaves an unreachable engine alone', () => {
    const given = new BerthError({
      kind: 'invalid',
      message: 'm',
      detail: engine.portAllocated,
      field: 'ports.0.hostPort',
    });
    expect((withRunField('start', given) as BerthError).field).toBe('ports.0.hostPort');
    const down = new BerthError({ kind: 'unavailable', message: 'm', detail: 'connect ECONNREFUSED port' });
    expect((withRunField('start', down) as BerthError).field).toBeUndefined();
  });
});

describe('passThroughEnv', () => {
  it('takes a bare KEY from the environment when set there, else keeps it bare (unset), as docker run -e KEY', () => {
    expect(passThroughEnv(['A', 'B', 'C=x', 'D='], { A: '1', D: 'ignored' })).toEqual(['A=1', 'B', 'C=x', 'D=']);
    expect(passThroughEnv(['toString', 'constructor'], {})).toEqual(['toString', 'constructor']);
  });
});
