import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './args';

describe('berth serve flags', () => {
  it('defaults to loopback and a free port', () => {
    expect(parseServeArgs([])).toEqual({ host: '127.0.0.1', port: 0, exposed: false });
  });
  it('reads --port, --host and --engine-socket in both spellings', () => {
    expect(parseServeArgs(['--port', '8080', '--host=0.0.0.0', '--engine-socket', 'unix:///x.sock'])).toEqual({
      host: '0.0.0.0',
      port: 8080,
      exposed: true,
      engineSocket: 'unix:///x.sock',
    });
  });
  it('refuses bad values with a sentence', () => {
    expect(parseServeArgs(['--port', '70000'])).toEqual({
      error: '--port needs a number from 0 to 65535, not "70000".',
    });
    expect(parseServeArgs(['--bogus'])).toEqual({ error: 'unknown option "--bogus".' });
    expect(parseServeArgs(['--host'])).toMatchObject({ error: expect.stringMatching(/needs an address/) });
  });
});
