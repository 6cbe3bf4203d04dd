// The size rules with their numbers, as the contract's schemas apply them.
import { describe, expect, it } from 'vitest';
import { runSpec } from './contract';
import { buildSpec } from './contract/areas/images';
import { buildArgsProblem, envProblem, labelsProblem, SIZE_LIMITS, utf8Bytes, wordsProblem } from './rules';

const L = SIZE_LIMITS;
const labels = (n: number, value = 'v') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe('size rules', () => {
  it('counts UTF-8 bytes as the engine stores them', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('€')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
  });

  it(`labels: at most ${L.labels}, keys of ${L.labelKeyBytes} bytes, values of 4 KB, 64 KB together`, () => {
    expect(labelsProblem(labels(L.labels))).toBeUndefined();
    expect(labelsProblem(labels(L.labels + 1))?.message).toBe('A container takes at most 256 labels.');
    expect(labelsProblem({ ['k'.repeat(256)]: 'v' })).toBeUndefined();
    expect(labelsProblem({ ['k'.repeat(257)]: 'v' })?.message).toBe("A label's key has at most 256 bytes.");
    expect(labelsProblem({ a: 'v'.repeat(4096) })).toBeUndefined();
    expect(labelsProblem({ a: 'v'.repeat(4097) })).toEqual({
      path: ['a'],
      message: "A label's value has at most 4 KB.",
    });
    expect(labelsProblem({ a: 'é'.repeat(2049) })?.path).toEqual(['a']);
    expect(labelsProblem(labels(17, 'v'.repeat(4000)))?.message).toBe('Labels take at most 64 KB together.');
  });

  it(`commands: at most ${L.commandWords} words and 128 KB`, () => {
    expect(wordsProblem(Array(L.commandWords).fill('w'))).toBeUndefined();
    expect(wordsProblem(Array(L.commandWords + 1).fill('w'))?.message).toBe('The command has at most 256 words.');
    expect(wordsProblem(['sh', '-c', 'x'.repeat(128 * 1024 - 10)])).toBeUndefined();
    expect(wordsProblem(['sh', '-c', 'x'.repeat(128 * 1024)], 'entrypoint')?.message).toBe(
      'The entrypoint takes at most 128 KB.',
    );
  });

  it(`environment: at most ${L.envVars} variables, 32 KB each, 256 KB together`, () => {
    expect(envProblem(Array(L.envVars).fill('A=1'))).toBeUndefined();
    expect(envProblem(Array(L.envVars + 1).fill('A=1'))?.message).toBe(
      'A container takes at most 512 environment variables.',
    );
    expect(envProblem(['A=1', `B=${'x'.repeat(32 * 1024)}`])).toEqual({
      path: [1],
      message: 'An environment variable has at most 32 KB.',
    });
    expect(envProblem(Array(9).fill(`A=${'x'.repeat(30 * 1024)}`))?.message).toBe(
      'Environment variables take at most 256 KB together.',
    );
  });

  it(`build arguments: at most ${L.buildArgs}, 64 KB together`, () => {
    expect(buildArgsProblem(Array(L.buildArgs).fill('A=1'))).toBeUndefined();
    expect(buildArgsProblem(Array(L.buildArgs + 1).fill('A=1'))?.message).toMatch(/at most 128 build arguments/);
    expect(buildArgsProblem([`A=${'x'.repeat(64 * 1024)}`])?.message).toMatch(/64 KB together/);
  });
});

describe('the contract applies them', () => {
  const issue = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues[0] && { path: r.error.issues[0].path.join('.'), message: r.error.issues[0].message };

  it('refuses 5 000 labels of 4 KB and a 51 MB command with a sentence on the field', () => {
    expect(issue(runSpec.safeParse({ image: 'busybox', labels: labels(5000, 'v'.repeat(4096)) }))).toEqual({
      path: 'labels',
      message: 'A container takes at most 256 labels.',
    });
    expect(issue(runSpec.safeParse({ image: 'busybox', command: ['sh', '-c', 'x'.repeat(51 * 1024 * 1024)] }))).toEqual(
      {
        path: 'command',
        message: 'The command takes at most 128 KB.',
      },
    );
    expect(issue(runSpec.safeParse({ image: 'busybox', labels: { big: 'v'.repeat(5000) } }))).toEqual({
      path: 'labels.big',
      message: "A label's value has at most 4 KB.",
    });
    expect(issue(runSpec.safeParse({ image: 'busybox', env: ['A=1', `B=${'x'.repeat(40_000)}`] }))?.path).toBe('env.1');
    expect(
      runSpec.safeParse({ image: 'busybox', labels: labels(256), command: ['sleep', '1'], env: ['A=1'] }).success,
    ).toBe(true);
  });

  it('refuses build arguments beyond the rule', () => {
    const args = Array.from({ length: 129 }, (_, i) => `A${i}=1`);
    expect(issue(buildSpec.safeParse({ context: '/tmp', buildArgs: args }))?.message).toMatch(/128 build arguments/);
  });
});
