import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequiredAreaMissing, skipBecause, skipUnless } from './skip';

const written: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  written.length = 0;
});
const captureStderr = () =>
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });

describe('skipUnless', () => {
  it('runs the test when the tool is there, silently', () => {
    captureStderr();
    expect(skipUnless(true, 'rootlesskit is not installed', {}, {})).toBe(false);
    expect(written).toEqual([]);
  });

  it('skips outside CI and says why', () => {
    captureStderr();
    expect(skipUnless(false, 'rootlesskit is not installed', {}, {})).toBe(true);
    expect(written).toEqual(['skipped: rootlesskit is not installed\n']);
  });

  it('in CI, a required area that cannot run fails with its reason instead of skipping', () => {
    captureStderr();
    for (const CI of ['true', '1'])
      expect(() => skipUnless(false, 'htpasswd (apache2-utils) is not installed', {}, { CI })).toThrow(
        RequiredAreaMissing,
      );
    expect(() => skipUnless(false, 'htpasswd (apache2-utils) is not installed', {}, { CI: 'true' })).toThrow(
      /Required in CI, but it cannot run here: htpasswd \(apache2-utils\) is not installed/,
    );
    expect(written).toEqual([]);
  });

  it('in CI, an optional area skips, saying why CI may lack it', () => {
    captureStderr();
    expect(
      skipUnless(false, 'no Electron binary', { optional: 'it cannot be downloaded on this machine' }, { CI: 'true' }),
    ).toBe(true);
    expect(written).toEqual(['skipped: no Electron binary (it cannot be downloaded on this machine)\n']);
  });
});

describe('skipBecause', () => {
  it('takes the reason a check returns, or runs when it returns none', () => {
    captureStderr();
    expect(skipBecause(undefined, {}, {})).toBe(false);
    expect(skipBecause('docker-registry is not installed', {}, {})).toBe(true);
    expect(() => skipBecause('docker-registry is not installed', {}, { CI: 'true' })).toThrow(/docker-registry/);
  });
});
