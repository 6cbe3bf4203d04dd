// One rule set: what the contract accepts where a call is received, the facade accepts before it
// calls the engine, and both refuse the rest with the same sentence. Each input goes through the
// contract's own request schema and the facade's own check.
import { describe, expect, it } from 'vitest';
import { requests } from '../../shared/contract';
import { BerthError } from '../../shared/errors';
import { validateContainerName, validateContainerRef, validateImageRef } from './validate';
import {
  checkImageTarget,
  checkNetworkName,
  checkObjectRef,
  checkVolumeName,
  parseImageReference,
} from './validate-reference';

/** The contract's verdict on one argument of one request: undefined when accepted, else its sentence. */
function contractSays(name: keyof typeof requests, args: Record<string, unknown>, field: string): string | undefined {
  const r = requests[name].args.safeParse(args);
  if (r.success) return undefined;
  return r.error.issues.find((i) => i.path[0] === field)?.message ?? '(refused another field)';
}

/** The facade's verdict: undefined when accepted, else its sentence. */
function facadeSays(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(BerthError);
    return (e as BerthError).message;
  }
}

/** The contract (argument `field` of request `name` with `args`) and the facade's `check` give one verdict. */
function agree(name: keyof typeof requests, args: Record<string, unknown>, field: string, check: () => unknown) {
  expect(facadeSays(check)).toBe(contractSays(name, args, field));
}

describe('the contract and the facade agree', () => {
  it.each(['web', '/web', 'a', 'web_1.x-y', '0123456789ab', '', '_web', 'a/b', 'a b', 'x'.repeat(256), '/'])(
    'on the container reference %j',
    (id) => {
      agree('containers.start', { id }, 'id', () => validateContainerRef(id));
      agree('containers.start', { id }, 'id', () => checkObjectRef(id, 'id', 'container'));
    },
  );

  it('a leading "/" is the same container, without it', () => {
    expect(validateContainerRef('/web')).toBe('web');
    expect(checkObjectRef('/web', 'id', 'container')).toBe('web');
    expect(validateContainerName('/web')).toBe('web');
  });

  it.each(['web', '/web', 'a', 'ab', '_ab', 'a b', 'ä-b', ''])('on the container name %j', (name) => {
    agree('containers.rename', { id: 'x1', name }, 'name', () => validateContainerName(name));
  });

  it.each(['data', 'a', 'x-1.y_z', '-x', '.x', 'a/b', '', 'v'.repeat(256)])('on the new volume name %j', (name) => {
    agree('volumes.create', { name }, 'name', () => checkVolumeName(name));
  });

  it.each(['n', 'app-net', '-n', 'a b', 'a/b', ''])('on the network name %j', (name) => {
    agree('networks.create', { name }, 'name', () => checkNetworkName(name));
    agree('networks.remove', { name }, 'name', () => checkObjectRef(name, 'name', 'network'));
  });

  it.each([
    'busybox',
    'busybox:1.36',
    '127.0.0.1:5000/team/app:v1',
    'localhost:5000/x',
    '[::1]:5000/app:tag',
    `app@sha256:${'a'.repeat(64)}`,
    'Busybox',
    'team/App',
    'app:',
    'app:.hidden',
    'a//b',
    'a-/b',
    'host:0/app',
    'host:99999/app',
    'app@sha256:abc',
    'Not A Reference',
    '',
  ])('on the image reference %j', (ref) => {
    agree('images.pull', { ref }, 'ref', () => parseImageReference(ref));
    agree('containers.run', { image: ref }, 'image', () => validateImageRef(ref));
  });

  it.each([`sha256:${'c'.repeat(64)}`, '0123456789ab', 'busybox:latest', 'sha256:ABC:x', 'Busybox'])(
    'on the existing image %j',
    (ref) => {
      agree('images.remove', { ref }, 'ref', () => checkImageTarget(ref));
    },
  );
});
