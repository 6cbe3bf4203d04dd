import { describe, expect, it } from 'vitest';
import { humanDuration, parseHumanDuration, parseStatus, statusLine } from './container-status';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe('humanDuration (docker units.HumanDuration)', () => {
  it.each([
    [400, 'Less than a second'],
    [1 * s, '1 second'],
    [8 * s, '8 seconds'],
    [59.9 * s, '59 seconds'],
    [61 * s, 'About a minute'],
    [3 * min + 59 * s, '3 minutes'],
    [59 * min, '59 minutes'],
    [65 * min, 'About an hour'],
    [5 * h, '5 hours'],
    [47 * h, '47 hours'],
    [72 * h, '3 days'],
    [20 * 24 * h, '2 weeks'],
    [90 * 24 * h, '3 months'],
    [800 * 24 * h, '2 years'],
  ])('%d ms is "%s"', (ms, words) => expect(humanDuration(ms)).toBe(words));

  it('reads each phrase back to a duration that says the same words', () => {
    for (const ms of [0.3 * s, 1 * s, 8 * s, 90 * s, 7 * min, 70 * min, 5 * h, 3 * 24 * h, 3 * 7 * 24 * h]) {
      const words = humanDuration(ms);
      expect(humanDuration(parseHumanDuration(words)!)).toBe(words);
    }
    expect(parseHumanDuration('a while')).toBeUndefined();
  });
});

describe('parseStatus', () => {
  it('reads the start time and health of a running container', () => {
    expect(parseStatus('Up 8 seconds', NOW)).toEqual({ startedAt: NOW - 8.5 * s });
    expect(parseStatus('Up 3 minutes (healthy)', NOW)).toMatchObject({ health: 'healthy' });
    expect(parseStatus('Up 2 hours (unhealthy)', NOW)).toMatchObject({ health: 'unhealthy', startedAt: NOW - 2 * h });
    expect(parseStatus('Up 5 seconds (health: starting)', NOW)).toMatchObject({ health: 'starting' });
    expect(parseStatus('Up About a minute (Paused)', NOW)).toEqual({ startedAt: NOW - 90 * s });
  });

  it('reads the exit code and finish time of an exited or restarting container', () => {
    expect(parseStatus('Exited (137) 5 minutes ago', NOW)).toEqual({ exitCode: 137, finishedAt: NOW - 5.5 * min });
    expect(parseStatus('Restarting (1) Less than a second ago', NOW)).toMatchObject({ exitCode: 1 });
    expect(parseStatus('Exited (-1) 2 days ago', NOW).exitCode).toBe(-1);
  });

  it('says nothing about lines without facts', () => {
    expect(parseStatus('Created', NOW)).toEqual({});
    expect(parseStatus('Dead', NOW)).toEqual({});
    expect(parseStatus('Removal In Progress', NOW)).toEqual({});
  });
});

describe('statusLine', () => {
  it('ticks: the same container reads differently a minute later', () => {
    const c = { state: 'running' as const, status: 'Up 8 seconds', startedAt: NOW - 8 * s };
    expect(statusLine(c, NOW)).toBe('Up 8 seconds');
    expect(statusLine(c, NOW + 4 * min)).toBe('Up 4 minutes');
  });

  it('says health, pause, restart and exit as docker does', () => {
    expect(statusLine({ state: 'running', status: '', startedAt: NOW, health: 'starting' }, NOW + 2 * s)).toBe(
      'Up 2 seconds (health: starting)',
    );
    expect(statusLine({ state: 'paused', status: '', startedAt: NOW - 3 * min }, NOW)).toBe('Up 3 minutes (Paused)');
    expect(statusLine({ state: 'restarting', status: '', finishedAt: NOW - 2 * s, exitCode: 1 }, NOW)).toBe(
      'Restarting (1) 2 seconds ago',
    );
    expect(statusLine({ state: 'exited', status: '', finishedAt: NOW - 5 * min, exitCode: 137 }, NOW)).toBe(
      'Exited (137) 5 minutes ago',
    );
  });

  it("falls back to the engine's words when the times are not known", () => {
    expect(statusLine({ state: 'running', status: 'Up 3 weeks' }, NOW)).toBe('Up 3 weeks');
    expect(statusLine({ state: 'created', status: 'Created' }, NOW)).toBe('Created');
    expect(statusLine({ state: 'dead', status: '' }, NOW)).toBe('dead');
  });
});
