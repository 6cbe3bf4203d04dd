// Each row of the table against what a real engine says. The samples were captured from Debian's
// dockerd 20.10.24 (the test harness's engine) by provoking each failure over the Engine API:
// status code and message as it answered (ids shortened). errors.int.test.ts provokes the main ones
// again on every run, so a wording that changes shows up there.
import { describe, expect, it } from 'vitest';
import { engineMessages, type EngineCause } from './engine-messages';
import { classifyEngineError, toBerthError } from './errors';
import { passThroughEnv } from './container-run';

const engineSaid = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });

type Sample = [cause: EngineCause, status: number | 'stream', message: string, kind: string, field?: string];

const samples: Sample[] = [
  ['no-such-image', 404, 'No such image: berth-absent/never:v1', 'not-found', 'image'],
  [
    'no-such-image',
    404,
    'no such image: berth-absent/never:v1: No such image: berth-absent/never:v1',
    'not-found',
    'image',
  ],
  ['bad-reference', 400, 'invalid reference format: repository name must be lowercase', 'invalid', 'image'],
  ['bad-reference', 500, 'invalid reference format: repository name must be lowercase', 'invalid', 'image'],
  [
    'name-in-use',
    409,
    'Conflict. The container name "/web" is already in use by container "3cb4e3957fde". You have to remove (or rename) that container to be able to reuse that name.',
    'conflict',
    'name',
  ],
  [
    'name-in-use',
    409,
    'Error when allocating new name: Conflict. The container name "/web" is already in use by container "3cb4e3957fde". You have to remove (or rename) that container to be able to reuse that name.',
    'conflict',
    'name',
  ],
  [
    'command-not-found',
    400,
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown',
    'invalid',
    'command',
  ],
  [
    'command-not-found',
    400,
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nope/x": stat /nope/x: no such file or directory: unknown',
    'invalid',
    'command',
  ],
  [
    'command-not-found',
    400,
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/tmp": permission denied: unknown',
    'invalid',
    'command',
  ],
  [
    'port-allocated',
    500,
    'driver failed programming external connectivity on endpoint p2 (5aa1fcb5e9fd): Bind for 0.0.0.0:18080 failed: port is already allocated',
    'conflict',
    'ports',
  ],
  [
    'bind-source-missing',
    400,
    'invalid mount config for type "bind": bind source path does not exist: /no/such/dir',
    'invalid',
    'volumes',
  ],
  [
    'mount-failed',
    400,
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/etc/hostname" to rootfs at "/bin": mount /etc/hostname:/bin (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type',
    'invalid',
    'volumes',
  ],
  ['duplicate-mount', 400, 'Duplicate mount point: /x', 'invalid', 'volumes'],
  ['unknown-user', 500, 'unable to find user nosuchuser: no matching entries in passwd file', 'invalid', 'user'],
  ['network-not-found', 404, 'network berth-no-such-net not found', 'not-found', 'network'],
  ['restart-policy', 400, "can't create 'AutoRemove' container with restart policy", 'invalid', 'restart'],
  ['restart-policy', 400, "invalid restart policy 'sometimes'", 'invalid', 'restart'],
  ['bad-env', 400, 'invalid environment variable: =x', 'invalid', 'env'],
  [
    'container-running',
    409,
    'You cannot remove a running container bb4d0f495e08. Stop the container before attempting removal or force remove',
    'conflict',
  ],
  ['not-running', 409, 'Cannot kill container: stopped: Container 86e93f0f0d8b is not running', 'conflict'],
  ['not-running', 409, 'Container 86e93f0f0d8b is not running', 'conflict'],
  ['not-paused', 500, 'Container 844d4e8eea50 is not paused', 'conflict'],
  ['already-paused', 409, 'Container 844d4e8eea50 is already paused', 'conflict'],
  ['paused', 409, 'Container abc is paused, unpause the container before stopping or killing', 'conflict'],
  ['no-such-container', 404, 'No such container: nope-nope', 'not-found'],
  ['no-such-path', 404, 'Could not find the file /no/such in container p1', 'not-found', 'path'],
  ['subnet-overlap', 403, 'Pool overlaps with other one on this address space', 'conflict', 'subnet'],
  [
    'gateway-outside',
    500,
    'failed to allocate gateway (10.233.0.1): Requested address is out of range',
    'invalid',
    'gateway',
  ],
  ['network-exists', 409, 'network with name net-a already exists', 'conflict', 'name'],
  ['built-in-network', 403, 'bridge is a pre-defined network and cannot be removed', 'conflict'],
  [
    'active-endpoints',
    403,
    'error while removing network: network net-a id 088e1db8a379 has active endpoints',
    'conflict',
  ],
  ['already-connected', 403, 'endpoint with name r1 already exists in network net-a', 'conflict'],
  ['not-connected', 500, 'container 3cb4e3957fde is not connected to the network net-a', 'conflict'],
  ['volume-in-use', 409, 'remove vol-a: volume is in use - [413d2f11ba75]', 'conflict'],
  [
    'volume-name-short',
    400,
    'create a: volume name is too short, names should be at least two alphanumeric characters',
    'invalid',
    'name',
  ],
  ['no-such-volume', 404, 'get berth-no-such-vol: no such volume', 'not-found'],
  [
    'image-has-tags',
    409,
    'conflict: unable to delete 1c7928afe5c5 (must be forced) - image is referenced in multiple repositories',
    'conflict',
  ],
  [
    'image-has-children',
    409,
    'conflict: unable to delete f37ebbdaca2b (cannot be forced) - image has dependent child images',
    'conflict',
  ],
  [
    'image-used-by-running',
    409,
    'conflict: unable to delete f37ebbdaca2b (cannot be forced) - image is being used by running container 844d4e8eea50',
    'conflict',
  ],
  [
    'image-in-use',
    409,
    'conflict: unable to delete fcf661c83497 (must be forced) - image is being used by stopped container 461e9c5c5c41',
    'conflict',
  ],
  [
    'image-in-use',
    409,
    'conflict: unable to remove repository reference "berth-fmt:v1" (must force) - container 461e9c5c5c41 is using its referenced image fcf661c83497',
    'conflict',
  ],
  [
    'manifest-unknown',
    404,
    'manifest for 127.0.0.1:38875/nope:latest not found: manifest unknown: manifest unknown',
    'not-found',
    'image',
  ],
  [
    'registry-unreachable',
    500,
    'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused',
    'unavailable',
  ],
  [
    'registry-plain-http',
    500,
    'Get "https://10.1.2.3:5000/v2/": http: server gave HTTP response to HTTPS client',
    'unavailable',
  ],
  [
    'registry-untrusted',
    500,
    'Get "https://r.example.com/v2/": x509: certificate signed by unknown authority',
    'unavailable',
  ],
  ['not-a-registry', 500, 'login attempt to https://example.com/v2/ failed with status: 404 Not Found', 'not-found'],
  ['registry-denied', 'stream', 'unauthorized: authentication required', 'unauthorized'],
  ['registry-denied', 403, 'denied: requested access to the resource is denied', 'unauthorized'],
  [
    'pull-denied',
    404,
    "pull access denied for app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    'not-found',
    'image',
  ],
  ['blob-unknown', 'stream', 'blob unknown: blob unknown to registry', 'not-found'],
];

describe('the table of engine messages', () => {
  it.each(samples)('%s: %s %s', (cause, status, message, kind, field) => {
    const f = classifyEngineError(status === 'stream' ? message : engineSaid(status, message));
    expect({ cause: f.cause, kind: f.kind, field: f.field }).toEqual({ cause, kind, field });
  });

  it('has a real sample for every row', () => {
    const sampled = new Set(samples.map(([cause]) => cause));
    const without = engineMessages.map((m) => m.cause).filter((c) => c !== 'engine-gone' && !sampled.has(c));
    expect(without).toEqual([]);
  });
});

describe('the two bugs of reading sentences', () => {
  it('an internal error is never put on the ports field ("report", "support" are no ports)', () => {
    for (const message of [
      'failed to create shim task: OCI runtime create failed: operation not supported: unknown',
      'error while importing layer: short read, report this',
      'something odd',
    ]) {
      const e = toBerthError(engineSaid(500, message), 'start container "x"');
      expect(e.kind).toBe('internal');
      expect(e.field).toBeUndefined();
      // the sentence says "the engine reported an error" and still lands on no field
      expect(e.message).toMatch(/reported an error/);
    }
  });

  it('"executable file not found" is about the command, never the image', () => {
    const e = toBerthError(engineSaid(400, samples[6]![2]), 'start container "x"');
    expect(e).toMatchObject({ kind: 'invalid', field: 'command' });
    expect(e.message).toMatch(/the command does not exist in the image/);
  });

  it('a row that the status contradicts gives neither its field nor its sentence', () => {
    const e = toBerthError(engineSaid(404, 'name x is already in use'), 'x');
    expect(e).toMatchObject({ kind: 'not-found' });
    expect(e.field).toBeUndefined();
  });

  it('an unreachable engine gets no field', () => {
    const e = toBerthError(Object.assign(new Error('connect ECONNREFUSED port'), { code: 'ECONNREFUSED' }), 'x');
    expect(e.kind).toBe('unavailable');
    expect(e.field).toBeUndefined();
  });
});

describe('passThroughEnv', () => {
  it('takes a bare KEY from the environment when set there, else keeps it bare (unset), as docker run -e KEY', () => {
    expect(passThroughEnv(['A', 'B', 'C=x', 'D='], { A: '1', D: 'ignored' })).toEqual(['A=1', 'B', 'C=x', 'D=']);
    expect(passThroughEnv(['toString', 'constructor'], {})).toEqual(['toString', 'constructor']);
  });
});
