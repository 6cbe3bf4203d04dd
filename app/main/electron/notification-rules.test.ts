import { describe, expect, it } from 'vitest';
import type { EngineEvent, TaskInfo } from '../../shared/contract';
import type { NotificationKind } from '../../shared/contract/areas/settings';
import { defaultSettings } from '../settings/store';
import { NotificationRules, RULE_TIMING } from './notification-rules';
import { watchForNotifications } from './notification-watcher';
import { engineStatus, fakeBackend } from './testing/fakes';

const T0 = 1_700_000_000_000;
const ev = (action: string, at: number, attributes: Record<string, string> = {}, id = 'c1'): EngineEvent => ({
  type: 'container',
  action,
  id,
  name: 'api',
  attributes,
  time: T0 + at,
});

function rules(off: NotificationKind[] = []) {
  const s = defaultSettings();
  for (const k of off) s.notifications[k] = false;
  return new NotificationRules(() => s);
}

/** `times` crashes (exit 1), each followed by a restart a second later, `gapMs` apart: the kinds notified. */
function crashAndRestart(r: NotificationRules, times: number, gapMs: number): string[] {
  const kinds: string[] = [];
  for (let i = 0; i < times; i++) {
    kinds.push(...r.onEngineEvent(ev('die', i * gapMs, { exitCode: '1' })).map((n) => n.kind));
    kinds.push(...r.onEngineEvent(ev('start', i * gapMs + 1000)).map((n) => n.kind));
  }
  return kinds;
}

const task = (over: Partial<TaskInfo>): TaskInfo => ({
  id: 't1',
  kind: 'pull',
  title: 'Pull nginx:latest',
  state: 'running',
  progress: {},
  started: T0,
  ...over,
});

describe('notification rules: containers', () => {
  it('notifies a non-zero exit, and opens the container logs on click', () => {
    expect(rules().onEngineEvent(ev('die', 0, { exitCode: '2' }))).toEqual([
      {
        kind: 'containerExited',
        title: 'api exited with code 2',
        body: 'Open its logs to see why it stopped.',
        route: '#/containers/c1/logs',
      },
    ]);
  });

  it('stays quiet for exit code 0', () => {
    expect(rules().onEngineEvent(ev('die', 0, { exitCode: '0' }))).toEqual([]);
  });

  it('stays quiet when the user stopped or killed it (kill before die)', () => {
    const r = rules();
    expect(r.onEngineEvent(ev('kill', 0, { signal: '15' }))).toEqual([]);
    expect(r.onEngineEvent(ev('die', 2000, { exitCode: '143' }))).toEqual([]);
    // A later crash of the same container is news again.
    expect(r.onEngineEvent(ev('start', 60_000))).toEqual([]);
    expect(r.onEngineEvent(ev('die', 70_000, { exitCode: '1' }))).toHaveLength(1);
  });

  it('notifies an OOM kill once (not again as an exit 137)', () => {
    const r = rules();
    const oom = r.onEngineEvent(ev('oom', 0));
    expect(oom).toHaveLength(1);
    expect(oom[0]).toMatchObject({
      kind: 'containerOom',
      title: 'api ran out of memory',
      route: '#/containers/c1/logs',
    });
    expect(r.onEngineEvent(ev('die', 100, { exitCode: '137' }))).toEqual([]);
  });

  it('notifies a restart loop once, instead of every exit', () => {
    const r = rules();
    expect(crashAndRestart(r, 6, 5000)).toEqual(['containerExited', 'restartLoop']);
    // Still looping after the cooldown: one more reminder.
    const later = RULE_TIMING.loopCooldownMs + 10_000;
    for (let i = 0; i < 3; i++) r.onEngineEvent(ev('die', later + i * 1000, { exitCode: '1' }));
    const again = r.onEngineEvent(ev('start', later + 3500));
    expect(again).toMatchObject([{ kind: 'restartLoop', title: 'api keeps restarting' }]);
  });

  it('does not call slow restarts a loop', () => {
    expect(crashAndRestart(rules(), 5, 120_000)).toEqual(Array(5).fill('containerExited'));
  });

  it('ignores other object types and harmless container actions', () => {
    const r = rules();
    expect(r.onEngineEvent({ ...ev('die', 0, { exitCode: '1' }), type: 'network' })).toEqual([]);
    expect(r.onEngineEvent(ev('exec_die', 0, { exitCode: '1' }))).toEqual([]);
  });

  it('each kind is silenced by its setting', () => {
    expect(rules(['containerExited']).onEngineEvent(ev('die', 0, { exitCode: '1' }))).toEqual([]);
    expect(rules(['containerOom']).onEngineEvent(ev('oom', 0))).toEqual([]);
    const r = rules(['restartLoop']);
    for (let i = 0; i < 4; i++) r.onEngineEvent(ev('die', i * 1000, { exitCode: '1' }));
    expect(r.onEngineEvent(ev('start', 4500))).toEqual([]);
  });
});

describe('notification rules: tasks', () => {
  it('notifies a finished and a failed pull, build or push once, opening the images page', () => {
    const r = rules();
    expect(r.onTask(task({ state: 'running' }))).toEqual([]);
    expect(r.onTask(task({ state: 'done' }))).toEqual([
      { kind: 'taskFinished', title: 'Pull nginx:latest finished', body: 'Done.', route: '#/images' },
    ]);
    expect(r.onTask(task({ state: 'done' }))).toEqual([]);
    const failed = r.onTask(
      task({
        id: 't2',
        kind: 'build',
        title: 'Build app',
        state: 'failed',
        error: { kind: 'invalid', message: 'The Dockerfile has an error on line 3.' },
      }),
    );
    expect(failed).toEqual([
      {
        kind: 'taskFailed',
        title: 'Build app failed',
        body: 'The Dockerfile has an error on line 3.',
        route: '#/images',
      },
    ]);
    expect(r.onTask(task({ id: 't3', kind: 'push', state: 'done' }))).toHaveLength(1);
  });

  it('stays quiet for cancelled tasks and for other kinds (prune, compose)', () => {
    const r = rules();
    expect(r.onTask(task({ state: 'cancelled' }))).toEqual([]);
    expect(r.onTask(task({ id: 'p', kind: 'prune', state: 'done' }))).toEqual([]);
  });

  it('finished and failed tasks are silenced separately', () => {
    expect(rules(['taskFinished']).onTask(task({ state: 'done' }))).toEqual([]);
    expect(rules(['taskFinished']).onTask(task({ state: 'failed' }))).toHaveLength(1);
    expect(rules(['taskFailed']).onTask(task({ state: 'failed' }))).toEqual([]);
  });
});

describe('notification rules: the managed engine', () => {
  it('notifies a crash the supervisor recovered from', () => {
    const r = rules();
    r.onEngineStatus(engineStatus());
    expect(r.onEngineStatus(engineStatus({ state: 'starting' }))).toEqual([]);
    const out = r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }));
    expect(out).toMatchObject([{ kind: 'engine', title: 'The engine crashed and was restarted', route: '#/engine' }]);
    expect(r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }))).toEqual([]);
  });

  it('tells the restart when the engine runs again, even if the restart was reported while starting', () => {
    const r = rules();
    r.onEngineStatus(engineStatus());
    expect(r.onEngineStatus(engineStatus({ state: 'starting', restartedAfterCrash: T0 }))).toEqual([]);
    expect(r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }))).toHaveLength(1);
  });

  it('does not tell a crash that happened before Berth was watching', () => {
    const r = rules();
    r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }));
    expect(r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }))).toEqual([]);
  });

  it('notifies when the engine could not be restarted, with the reason and the fix', () => {
    const r = rules();
    r.onEngineStatus(engineStatus());
    const error = {
      step: 'restart',
      message: 'dockerd exited with status 1.',
      logTail: [],
      fix: 'Free disk space and start it again.',
    };
    expect(r.onEngineStatus(engineStatus({ state: 'error', error }))).toEqual([
      {
        kind: 'engine',
        title: 'The engine stopped and could not be restarted',
        body: 'dockerd exited with status 1. Free disk space and start it again.',
        route: '#/engine',
      },
    ]);
  });

  it('notifies a failed start, but not a stop the user asked for, nor an external engine', () => {
    const r = rules();
    r.onEngineStatus(engineStatus({ state: 'starting' }));
    expect(r.onEngineStatus(engineStatus({ state: 'error' }))[0]?.title).toBe('The engine could not start');
    const r2 = rules();
    r2.onEngineStatus(engineStatus());
    expect(r2.onEngineStatus(engineStatus({ state: 'stopping' }))).toEqual([]);
    expect(r2.onEngineStatus(engineStatus({ state: 'stopped' }))).toEqual([]);
    const r3 = rules();
    r3.onEngineStatus(engineStatus({ managed: false, kind: 'external' }));
    expect(r3.onEngineStatus(engineStatus({ managed: false, kind: 'external', state: 'error' }))).toEqual([]);
  });

  it('is silenced by the engine setting', () => {
    const r = rules(['engine']);
    r.onEngineStatus(engineStatus());
    expect(r.onEngineStatus(engineStatus({ restartedAfterCrash: T0 }))).toEqual([]);
  });
});

describe('notification watcher', () => {
  it('feeds engine events, status and tasks from the backend to the rules, and stops', () => {
    const fb = fakeBackend();
    const shown: string[] = [];
    const stop = watchForNotifications(
      fb.api,
      () => defaultSettings(),
      (n) => shown.push(n.kind),
    );
    fb.emitEvent({ action: 'die', id: 'c', attributes: { exitCode: '3' } });
    fb.emitTask(task({ state: 'done' }));
    fb.setStatus(engineStatus({ restartedAfterCrash: 1 }));
    expect(shown).toEqual(['containerExited', 'taskFinished', 'engine']);
    stop();
    fb.emitEvent({ action: 'oom', id: 'c' });
    expect(shown).toHaveLength(3);
  });
});
