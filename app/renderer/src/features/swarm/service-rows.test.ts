// The services and tasks rows' model: how a service's tasks, mode and ports read, and how far an update came.
import { describe, expect, it } from 'vitest';
import type { SwarmService, SwarmTask } from '../../../../shared/contract/areas/swarm';
import { modeText, portText, short, tasksText } from './service-format';
import { progressText, updateProgress } from './update-progress';

const service = (over: Partial<SwarmService> = {}): SwarmService => ({
  id: 's1',
  name: 'web',
  image: 'busybox',
  mode: 'replicated',
  running: 3,
  desired: 3,
  ports: [],
  canRollback: false,
  createdAt: '',
  updatedAt: '',
  secrets: [],
  configs: [],
  ...over,
});

const task = (over: Partial<SwarmTask> = {}): SwarmTask => ({
  id: Math.random().toString(36),
  serviceId: 's1',
  service: 'web',
  name: 'web.1',
  desiredState: 'running',
  state: 'running',
  message: '',
  since: '',
  image: 'busybox',
  current: true,
  local: true,
  ...over,
});

describe('a service row', () => {
  it('tasks: running of wanted, jobs by completions', () => {
    expect(tasksText(service({ running: 1, desired: 3 }))).toBe('1/3');
    expect(tasksText(service({ mode: 'replicated-job', completed: 2, completions: 5 }))).toBe('2 of 5 completed');
    expect(tasksText(service({ mode: 'global-job', completed: 2 }))).toBe('2 completed');
  });

  it('is short when fewer tasks run than wanted, never for a job', () => {
    expect(short(service({ running: 1, desired: 3 }))).toBe(true);
    expect(short(service())).toBe(false);
    expect(short(service({ mode: 'replicated-job', running: 0, desired: 1 }))).toBe(false);
  });

  it('mode and ports read as words', () => {
    expect(modeText(service({ mode: 'replicated-job' }))).toBe('replicated job');
    expect(portText({ published: 8080, target: 80, protocol: 'tcp', mode: 'host' })).toBe('8080→80/tcp (host)');
    expect(portText({ target: 53, protocol: 'udp', mode: 'ingress' })).toBe('*→53/udp');
  });
});

describe('rolling update progress', () => {
  const updating = { state: 'updating' as const, message: 'update in progress' };

  it('counts the tasks meant to run that already run the new settings', () => {
    const s = service({ updateStatus: updating });
    const tasks = [
      task({ name: 'web.1' }),
      task({ name: 'web.2', current: false }),
      task({ name: 'web.3', state: 'starting' }),
      task({ name: 'web.1', desiredState: 'shutdown', current: false }),
      task({ serviceId: 'other' }),
    ];
    const p = updateProgress(s, tasks)!;
    expect([p.updated, p.total, p.active]).toEqual([1, 3, true]);
    expect(progressText(p)).toBe('Rolling update: 1 of 3 tasks on the new settings');
  });

  it('paused and rolled back updates say so, with the engine message', () => {
    const paused = updateProgress(service({ updateStatus: { state: 'paused', message: 'task failed' } }), [])!;
    expect(progressText(paused)).toBe('Rolling update paused: task failed');
    const back = updateProgress(service({ updateStatus: { state: 'rollback_completed', message: '' } }), [])!;
    expect(progressText(back)).toBe('Rollback completed');
  });

  it('a service never updated shows no progress', () => {
    expect(updateProgress(service(), [task()])).toBeUndefined();
  });
});
