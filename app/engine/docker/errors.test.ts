import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { attempt, toBerthError } from './errors';

const engineError = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });

describe('engine errors → BerthError', () => {
  const cases: [unknown, string, RegExp][] = [
    [engineError(404, 'No such container: web'), 'not-found', /does not exist/],
    [engineError(404, 'No such image: nope:latest'), 'not-found', /image is not on this engine/],
    [
      engineError(409, 'Conflict. The container name "/web" is already in use by container "abc".'),
      'conflict',
      /name is already in use/,
    ],
    [
      engineError(
        500,
        'driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:80 failed: port is already allocated',
      ),
      'conflict',
      /published port is already in use/,
    ],
    [engineError(409, 'Container abc is not running'), 'conflict', /not running/],
    [
      engineError(409, 'Container abc is paused, unpause the container before stopping or killing'),
      'conflict',
      /paused/,
    ],
    [
      engineError(
        409,
        'You cannot remove a running container abc. Stop the container before attempting removal or force remove',
      ),
      'conflict',
      /Stop it first/,
    ],
    [engineError(400, 'invalid reference format'), 'invalid', /refused the input/],
    [
      engineError(400, 'invalid mount config for type "bind": bind source path does not exist: /x'),
      'invalid',
      /host path does not exist/,
    ],
    [
      engineError(
        400,
        'OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "nope": executable file not found in $PATH: unknown',
      ),
      'invalid',
      /command does not exist/,
    ],
    [engineError(401, 'authentication required'), 'unauthorized', /refused access/],
    [engineError(403, 'Pool overlaps with other one on this address space'), 'conflict', /subnet overlaps a network/],
    [engineError(403, 'denied: requested access to the resource is denied'), 'unauthorized', /refused access/],
    [
      engineError(403, 'bridge is a pre-defined network and cannot be removed'),
      'conflict',
      /conflicts with the engine/,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED /run/docker.sock'), { code: 'ECONNREFUSED' }),
      'unavailable',
      /not reachable/,
    ],
    [
      Object.assign(new Error('connect EACCES /run/docker.sock'), { code: 'EACCES' }),
      'unavailable',
      /permission denied/,
    ],
    [engineError(500, 'something odd'), 'internal', /reported an error \(something odd\)/],
    // swarm's 503s: a state of this engine (not a manager), not an engine that is down
    [
      engineError(
        503,
        'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      ),
      'conflict',
      /not a manager of a swarm\. Create a swarm/,
    ],
    [engineError(503, 'This node is not part of a swarm'), 'conflict', /not a manager of a swarm/],
    [engineError(503, 'service unavailable'), 'unavailable', /./],
  ];

  it.each(cases)('%# maps to its kind with a sentence', (err, kind, sentence) => {
    const b = toBerthError(err, 'stop container "web"');
    expect(b).toBeInstanceOf(BerthError);
    expect(b.kind).toBe(kind);
    expect(b.message).toMatch(/^Could not stop container "web": /);
    expect(b.message).toMatch(sentence);
    expect(b.detail).not.toMatch(/HTTP code/);
  });

  it('decides the kind by the status first: a 404 is not-found even when its words look like a conflict', () => {
    expect(toBerthError(engineError(404, 'name x is already in use'), 'x').kind).toBe('not-found');
    expect(toBerthError(engineError(500, 'name x is already in use'), 'x').kind).toBe('conflict');
  });

  it('names the field where the engine says unmistakably which input it refuses', () => {
    expect(toBerthError(engineError(403, 'Pool overlaps with other one on this address space'), 'x').field).toBe(
      'subnet',
    );
    expect(toBerthError(engineError(409, 'Container abc is not running'), 'x').field).toBeUndefined();
  });

  it('passes BerthErrors through and wraps everything else', async () => {
    const mine = new BerthError({ kind: 'invalid', message: 'no', field: 'name' });
    await expect(attempt('x', () => Promise.reject(mine))).rejects.toBe(mine);
    await expect(
      attempt('do it', () => Promise.reject(engineError(404, 'No such container: a'))),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });
});
