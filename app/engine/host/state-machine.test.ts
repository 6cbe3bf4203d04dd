import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { canTransition, EngineStateMachine } from './state-machine';
import type { EngineHostEvent } from './types';

describe('EngineStateMachine', () => {
  it('walks stopped → starting → running → stopping → stopped, emitting each transition with its progress line', () => {
    const m = new EngineStateMachine();
    const events: EngineHostEvent[] = [];
    m.subscribe((e) => events.push(e));
    m.transition('starting', 'Starting dockerd');
    m.progress('Waiting for the engine API');
    m.transition('running', 'Engine is running');
    m.transition('stopping', 'Stopping dockerd');
    m.transition('stopped', 'Stopped');
    expect(
      events.map((e) =>
        e.type === 'state' ? `${e.from}>${e.to}:${e.progress}` : `${e.type}:${'progress' in e ? e.progress : ''}`,
      ),
    ).toEqual([
      'stopped>starting:Starting dockerd',
      'progress:Waiting for the engine API',
      'starting>running:Engine is running',
      'running>stopping:Stopping dockerd',
      'stopping>stopped:Stopped',
    ]);
  });

  it('refuses illegal transitions with a BerthError', () => {
    const m = new EngineStateMachine();
    expect(() => m.transition('running', 'x')).toThrow(BerthError);
    expect(canTransition('stopped', 'stopping')).toBe(false);
    expect(canTransition('starting', 'stopping')).toBe(true); // a stop aborts a start
    expect(canTransition('running', 'starting')).toBe(true); // supervisor restart
  });

  it('goes to error from any state with step, log tail and fix, and returns a BerthError saying what to do', () => {
    for (const from of ['stopped', 'starting', 'running', 'stopping'] as const) {
      const m = new EngineStateMachine();
      if (from !== 'stopped') m.transition('starting', 's');
      if (from === 'running' || from === 'stopping') m.transition('running', 'r');
      if (from === 'stopping') m.transition('stopping', 'x');
      const err = m.fail({
        step: 'Starting dockerd',
        message: 'dockerd stopped during start-up.',
        fix: 'Read the log.',
        logTail: ['a', 'b'],
      });
      expect(m.state).toBe('error');
      expect(m.status().failure?.logTail).toEqual(['a', 'b']);
      expect(err.message).toBe('dockerd stopped during start-up. Read the log.');
      expect(err.detail).toBe('a\nb');
    }
  });

  it('clears the failure when leaving error, and a throwing listener does not break the others', () => {
    const m = new EngineStateMachine();
    const seen: string[] = [];
    m.subscribe(() => {
      throw new Error('broken listener');
    });
    m.subscribe((e) => seen.push(e.type));
    m.fail({ step: 's', message: 'm', fix: 'f', logTail: [] });
    m.transition('starting', 'again');
    expect(m.status().failure).toBeUndefined();
    expect(seen).toEqual(['state', 'state']);
  });
});

describe('supervisor backoff', () => {
  it('doubles from 1 s and caps at 30 s', async () => {
    const { defaultBackoff } = await import('./supervisor');
    expect([1, 2, 3, 4, 5, 6, 7].map(defaultBackoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
