// Runs compose actions with feedback: tasks (up, down, pull) are shown in the task centre and on the
// page; label actions (start, stop, restart) toast how many containers they touched.
import { useState } from 'react';
import { useClient, useQueryClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { useComposeUi } from './compose-store';

export type LabelVerb = 'start' | 'stop' | 'restart';

const past: Record<LabelVerb, string> = { start: 'started', stop: 'stopped', restart: 'restarted' };

export function useComposeAction() {
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const setLastTask = useComposeUi((s) => s.setLastTask);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const mark = (project: string, on: boolean) =>
    setPending((prev) => {
      const next = new Set(prev);
      if (on) next.add(project);
      else next.delete(project);
      return next;
    });

  const guard = async <T>(project: string, work: () => Promise<T>): Promise<T | undefined> => {
    mark(project, true);
    try {
      return await work();
    } catch (e) {
      toast('error', (e as Error).message);
      return undefined;
    } finally {
      mark(project, false);
      void queryClient.invalidateQueries({ queryKey: ['compose.list'] });
    }
  };

  return {
    pending: (project: string) => pending.has(project),
    label: (verb: LabelVerb, project: string) =>
      guard(project, async () => {
        const { containers } = await client.request(`compose.${verb}`, { project });
        toast(
          'success',
          containers
            ? `Project ${project}: ${containers} container${containers === 1 ? '' : 's'} ${past[verb]}.`
            : `Project ${project}: nothing to ${verb}.`,
        );
      }),
    up: (project: string) =>
      guard(project, async () => {
        const task = await client.request('compose.up', { project });
        setLastTask(task.id);
        toast('info', `Bringing up ${project}; the output is in Tasks.`);
      }),
    pull: (project: string) =>
      guard(project, async () => {
        const task = await client.request('compose.pull', { project });
        setLastTask(task.id);
        toast('info', `Pulling the images of ${project}; the output is in Tasks.`);
      }),
    down: (project: string, volumes: boolean) =>
      guard(project, async () => {
        const task = await client.request('compose.down', { project, volumes });
        setLastTask(task.id);
        return task;
      }),
  };
}
