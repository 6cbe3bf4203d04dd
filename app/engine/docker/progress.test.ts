import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ndjson, registryError, toLayerOrStatus } from './progress';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('NDJSON progress', () => {
  it('splits lines across and within chunks, including multi-byte characters split in two', async () => {
    const text = '{"status":"a"}\n{"status":"b"}\n{"stream":"é ü"}\n{"status":"last"}';
    const bytes = Buffer.from(text);
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 20), bytes.subarray(20, 46), bytes.subarray(46)];
    const items = await collect(ndjson(Readable.from(chunks)));
    expect(items).toEqual([{ status: 'a' }, { status: 'b' }, { stream: 'é ü' }, { status: 'last' }]);
  });

  it('keeps non-JSON lines as text and skips blank ones', async () => {
    expect(await collect(ndjson(Readable.from([Buffer.from('\n\nplain words\n{"a":1}\n')])))).toEqual([
      { stream: 'plain words' },
      { a: 1 },
    ]);
  });

  it('maps layer lines and status lines', () => {
    expect(
      toLayerOrStatus({ status: 'Downloading', id: '0123456789ab', progressDetail: { current: 5, total: 10 } }),
    ).toEqual({
      kind: 'layer',
      id: '0123456789ab',
      status: 'Downloading',
      current: 5,
      total: 10,
    });
    expect(toLayerOrStatus({ status: 'Pulling from library/x', id: 'latest' })).toEqual({
      kind: 'status',
      text: 'latest: Pulling from library/x',
    });
    expect(toLayerOrStatus({ progressDetail: {} })).toBeUndefined();
  });

  it('classifies registry failures with sentences', () => {
    const ref = '127.0.0.1:5000/app:v1';
    expect(
      registryError('manifest for 127.0.0.1:5000/app:v1 not found: manifest unknown: manifest unknown', 'pull', ref),
    ).toMatchObject({
      kind: 'not-found',
      message:
        'Could not pull "127.0.0.1:5000/app:v1": the registry (127.0.0.1:5000) has no such image or tag. Check the name and tag.',
    });
    expect(
      registryError(
        'Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
        'pull',
        ref,
      ).kind,
    ).toBe('unavailable');
    expect(registryError('unauthorized: authentication required', 'push', ref)).toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('Sign in'),
    });
    expect(
      registryError(
        "pull access denied for app, repository does not exist or may require 'docker login'",
        'pull',
        'app',
      ).kind,
    ).toBe('not-found');
    expect(registryError('something odd', 'pull', 'app')).toMatchObject({
      kind: 'internal',
      message: 'Could not pull "app": the engine reported an error (something odd).',
    });
  });
});
