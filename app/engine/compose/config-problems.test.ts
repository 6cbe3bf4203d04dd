// The wording of compose v2 (Go), which cannot run here (Debian has v1 only): messages as compose v2
// prints them, placed in the text. v1's wording is proved against the real CLI in compose-files.int.test.ts.
import { describe, expect, it } from 'vitest';
import { configProblems, pathOf, variableWarnings } from './config-problems';
import { locatePath, locateVariable } from './yaml-locate';

const FILE = '/p/compose.yml';
const TEXT = 'services:\n  web:\n    image: x\n    comand: y\n    ports: 80\n';
const texts = new Map([[FILE, TEXT]]);

describe('compose config problems', () => {
  it('places v2 YAML errors with their line (and column when given)', () => {
    expect(configProblems([`parsing ${FILE}: yaml: line 4: did not find expected key`], texts)).toEqual([
      { file: FILE, line: 4, message: 'Not valid YAML: did not find expected key.' },
    ]);
  });

  it('places v2 schema errors at the key or value they name', () => {
    expect(
      configProblems([`validating ${FILE}: services.web additional properties 'comand' not allowed`], texts),
    ).toEqual([
      { file: FILE, line: 4, column: 5, message: "services.web additional properties 'comand' not allowed." },
    ]);
    expect(configProblems([`validating ${FILE}: services.web.ports must be a array`], texts)).toEqual([
      { file: FILE, line: 5, column: 12, message: 'services.web.ports must be a array.' },
    ]);
  });

  it('finds the path a message names, or none', () => {
    expect(pathOf("Unsupported config option for services.web: 'comand'")).toEqual({
      path: ['services', 'web', 'comand'],
      at: 'key',
    });
    expect(pathOf("'foo' does not match any of the regexes: '^x-'")).toEqual({ path: ['foo'], at: 'key' });
    expect(pathOf('something else entirely')).toBeUndefined();
  });

  it('places a path that goes deeper than the text at the deepest part there, and a variable at its first use', () => {
    expect(locatePath(TEXT, ['services', 'web', 'nothere'], 'key')).toEqual({ line: 2, column: 3 });
    expect(locatePath('a: [1', ['a'], 'key')).toEqual({ line: 1, column: 1 });
    expect(locateVariable('x: $$HOME $HOME ${HOME:-1}', 'HOME')).toEqual({ line: 1, column: 11 });
    expect(locateVariable('x: ${HOMES}', 'HOME')).toBeUndefined();
    expect(
      variableWarnings(
        ['The TAG variable is not set. Defaulting to a blank string.'],
        new Map([[FILE, 'services:\n  a:\n    image: "x:${TAG}"\n']]),
      ),
    ).toEqual([expect.objectContaining({ file: FILE, line: 3, column: 15 })]);
  });
});
