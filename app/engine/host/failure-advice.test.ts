import { describe, expect, it } from 'vitest';
import { daemonMessage, suggestFix } from './failure-advice';
import { nativeEnginePaths } from './paths';

const p = nativeEnginePaths({ data: '/d', config: '/c' });

describe('failure advice', () => {
  it("finds dockerd's own message in logrus and plain lines", () => {
    expect(
      daemonMessage(['time="x" level=info msg="Starting up"', 'unknown flag: --bogus', "See 'dockerd --help'."]),
    ).toBe('unknown flag: --bogus');
    expect(
      daemonMessage([
        'time="x" level=info msg="ok"',
        'failed to start daemon: pid file found, ensure docker is not running or delete /d/engine/dockerd.pid',
        '--- berth 2026 x',
      ]),
    ).toBe('failed to start daemon: pid file found, ensure docker is not running or delete /d/engine/dockerd.pid');
    expect(daemonMessage(['time="x" level=fatal msg="Error starting daemon: \\"boom\\""'])).toBe(
      'Error starting daemon: "boom"',
    );
    expect(daemonMessage(['all fine'])).toBeUndefined();
  });

  it('suggests a fix that fits the message', () => {
    expect(suggestFix('unknown flag: --bogus', p)).toMatch(/engine flag/);
    expect(suggestFix('pid file found, ensure docker is not running', p)).toContain('/d/engine/dockerd.pid');
    expect(suggestFix('mkdir /d/engine/data-root: permission denied', p)).toContain('/d/engine');
    expect(suggestFix(undefined, p)).toContain('/d/engine/dockerd.log');
  });
});
