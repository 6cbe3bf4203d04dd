import { describe, expect, it } from 'vitest';
import { explainComposeFailure, unsetVariables, unsetVariablesError } from './cli-errors';

const out = (text: string) => text.split('\n').map((t) => ({ stream: 'stderr' as const, text: t }));
const ctx = { action: 'bring up project "shop"', files: ['/srv/shop/compose.yml'] };
/** What Berth says when compose printed `stderr` and exited with `code` while doing `c`. */
const explain = (stderr: string, code = 1, c = ctx) => explainComposeFailure(c, out(stderr), code);

describe('explainComposeFailure: config errors', () => {
  it('names the file, line and column of a YAML error (v1)', () => {
    const e = explain(`yaml.parser.ParserError: while parsing a block mapping
  in "/srv/shop/compose.yml", line 2, column 3
expected <block end>, but found '<block mapping start>'
  in "/srv/shop/compose.yml", line 4, column 4`);
    expect(e.kind).toBe('invalid');
    expect(e.message).toBe(
      'Could not bring up project "shop": the compose file /srv/shop/compose.yml at line 4, column 4 is not valid YAML: expected <block end>, but found \'<block mapping start>\'. Fix the syntax or indentation there and try again.',
    );
  });

  // Each: what compose printed, its exit code, and what Berth's sentence says of it.
  it.each([
    [
      'reads a scanner error with one location (v1)',
      `yaml.scanner.ScannerError: while scanning for the next token
found character '\\t' that cannot start any token
  in "/srv/shop/compose.yml", line 4, column 1`,
      1,
      '/srv/shop/compose.yml at line 4, column 1 is not valid YAML: found character',
    ],
    [
      'names the line of a YAML error (v2)',
      'parsing /srv/shop/compose.yml: yaml: line 7: did not find expected key',
      15,
      'the compose file /srv/shop/compose.yml at line 7 is not valid YAML: did not find expected key.',
    ],
    [
      'names an unknown option (v1)',
      "The Compose file '/srv/shop/compose.yml' is invalid because:\nUnsupported config option for services.web: 'bogus'",
      1,
      'has an option compose does not know: "bogus" in services.web',
    ],
    [
      'names an unknown option (v2)',
      "validating /srv/shop/compose.yml: services.web additional properties 'bogus' not allowed",
      15,
      '"bogus" in services.web',
    ],
    [
      'names a missing mandatory variable (v1)',
      'Missing mandatory value for "image" option interpolating ${IMG:?set IMG} in service "web": set IMG',
      1,
      'needs the environment variable IMG (for "image" of service "web"): set IMG. Set it in the environment or in a .env file',
    ],
    [
      'names a missing mandatory variable (v2)',
      'error while interpolating services.web.image: required variable IMG is missing a value: set IMG',
      1,
      'needs the environment variable IMG: set IMG.',
    ],
    [
      "explains other invalid files with compose's reason",
      "The Compose file '/srv/shop/compose.yml' is invalid because:\nservices.web.ports contains an invalid type, it should be an array",
      1,
      'is invalid: services.web.ports contains an invalid type, it should be an array. Fix it',
    ],
  ])('%s', (_name, stderr, code, says) => {
    expect(explain(stderr, code).message).toContain(says);
  });
});

describe('explainComposeFailure: run-time errors', () => {
  it('recognises an unreachable registry during pull', () => {
    const e = explain(
      'Pulling web    ... error\n\nERROR: for web  Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
      1,
      { action: 'pull the images of project "shop"', files: [] },
    );
    expect(e).toMatchObject({ kind: 'unavailable' });
    expect(e.message).toMatch(/^Could not pull the images of project "shop": a registry could not be reached\./);
  });
  it('recognises a port in use', () => {
    const e = explain(
      'ERROR: for web  Cannot start service web: driver failed: Bind for 0.0.0.0:80 failed: port is already allocated',
    );
    expect(e.kind).toBe('conflict');
  });
  it('falls back to the last error line with the exit code', () => {
    const e = explain('Creating shop_web_1 ...\nERROR: something odd happened.', 3);
    expect(e.message).toBe(
      'Could not bring up project "shop": compose stopped with exit code 3 (something odd happened). See the task\'s output for details.',
    );
  });
});

describe('unset variables', () => {
  it('collects the warnings of v1 and v2 and refuses with a sentence', () => {
    const names = unsetVariables([
      'The TAG variable is not set. Defaulting to a blank string.',
      'WARN[0000] The "PORT" variable is not set. Defaulting to a blank string.',
    ]);
    expect(names).toEqual(['TAG', 'PORT']);
    expect(unsetVariablesError(ctx, names).message).toBe(
      'Could not bring up project "shop": the compose file /srv/shop/compose.yml uses the environment variables TAG, PORT, which are not set. Set them in the environment or in a .env file next to the compose file (or give a default, e.g. ${TAG:-value}), then try again.',
    );
  });
});
