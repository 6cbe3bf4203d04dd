// @vitest-environment happy-dom
// The rollout dialog over a scripted client: the status sentence and the revisions named by number,
// a rollback only once confirmed (and not offered for the revision running now), the answer as a
// toast, a refusal shown in the confirmation, and a fresh read when the watched row changes; a
// stateful set's rollout named as one, read and rolled back with its kind.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeDeployment, KubeRolloutHistory, KubeStatefulSet } from '../../../../shared/contract/areas/kube';
import { BerthError } from '../../../../shared/errors';
import { useUi } from '../../app/ui-store';
import { RolloutDialog } from './RolloutDialog';
import { setUp } from './test-support';

afterEach(cleanup);

const history: KubeRolloutHistory = {
  status: 'Waiting for the rollout to finish: 1 of 3 new replicas have been updated.',
  done: false,
  failed: false,
  revisions: [
    {
      revision: 3,
      keptBy: 'web-h3',
      created: '',
      changeCause: '',
      images: ['app: shop:2.0'],
      replicas: 1,
      current: true,
    },
    {
      revision: 2,
      keptBy: 'web-h2',
      created: '',
      changeCause: 'kubectl set image deployment/web app=shop:1.1',
      images: ['app: shop:1.1'],
      replicas: 2,
      current: false,
    },
  ],
};
const row: KubeDeployment = {
  namespace: 'shop',
  name: 'web',
  created: '',
  desired: 3,
  ready: 2,
  upToDate: 1,
  available: 2,
};
const target = { context: 'kind-dev', namespace: 'shop', name: 'web' };

describe('RolloutDialog', () => {
  it('shows the status and the revisions; rolls back only once confirmed', async () => {
    const { calls, show } = setUp((method) => {
      if (method === 'kube.rollout.history') return history;
      if (method === 'kube.rollout.undo')
        return { rolledBack: true, revision: 2, message: 'Rolling web back to revision 2.' };
      return undefined;
    });
    show(<RolloutDialog resource="deployments" target={target} row={row} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Rollout of deployment web' });
    expect((await within(dialog).findByRole('status')).textContent).toContain('1 of 3 new replicas have been updated');
    const table = within(dialog).getByRole('table', { name: 'Revisions of web' });
    const current = within(table).getByRole('row', { name: 'Revision 3 (running now)' });
    expect(within(current).queryByRole('button')).toBeNull();
    const previous = within(table).getByRole('row', { name: 'Revision 2' });
    expect(previous.textContent).toContain('kubectl set image deployment/web app=shop:1.1');
    await userEvent.click(within(previous).getByRole('button', { name: 'Roll back to revision 2' }));
    const confirm = await screen.findByRole('dialog', { name: 'Roll back deployment web to revision 2?' });
    expect(calls.some((c) => c.method === 'kube.rollout.undo')).toBe(false);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'kube.rollout.undo')?.args).toEqual({
        ...target,
        resource: 'deployments',
        revision: 2,
      }),
    );
    await waitFor(() =>
      expect(useUi.getState().toasts.some((t) => t.text === 'Rolling web back to revision 2.')).toBe(true),
    );
    expect(await screen.findByRole('dialog', { name: 'Rollout of deployment web' })).toBeTruthy();
  });

  it('keeps the confirmation open with the cluster’s sentence when the rollback is refused', async () => {
    const { show } = setUp((method) => {
      if (method === 'kube.rollout.history') return history;
      if (method === 'kube.rollout.undo')
        throw new BerthError({ kind: 'conflict', message: 'Deployment web is paused, so it cannot be rolled back.' });
      return undefined;
    });
    show(<RolloutDialog resource="deployments" target={target} row={row} onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Roll back to revision 2' }));
    const confirm = await screen.findByRole('dialog', { name: 'Roll back deployment web to revision 2?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Roll back' }));
    expect((await within(confirm).findByRole('alert')).textContent).toContain('paused, so it cannot be rolled back');
  });

  it('reads the rollout again when the watched deployment row changes, not otherwise', async () => {
    const { calls, show } = setUp((method) => (method === 'kube.rollout.history' ? history : undefined));
    const r = show(<RolloutDialog resource="deployments" target={target} row={row} onClose={() => undefined} />);
    await screen.findByRole('table', { name: 'Revisions of web' });
    const reads = () => calls.filter((c) => c.method === 'kube.rollout.history').length;
    const before = reads();
    r.rerender(<RolloutDialog resource="deployments" target={target} row={{ ...row }} onClose={() => undefined} />);
    expect(reads()).toBe(before);
    r.rerender(
      <RolloutDialog resource="deployments" target={target} row={{ ...row, upToDate: 3 }} onClose={() => undefined} />,
    );
    await waitFor(() => expect(reads()).toBe(before + 1));
  });

  it('shows a stateful set’s rollout, its revisions kept as controller revisions, and rolls it back with its kind', async () => {
    const sts: KubeRolloutHistory = {
      status: 'Waiting for the partitioned rollout to finish: 1 of 2 new pods have been updated.',
      done: false,
      failed: false,
      revisions: [
        {
          revision: 2,
          keptBy: 'db-r2',
          created: '',
          changeCause: '',
          images: ['main: pg:16'],
          replicas: 1,
          current: true,
        },
        {
          revision: 1,
          keptBy: 'db-r1',
          created: '',
          changeCause: 'set image to pg:15',
          images: ['main: pg:15'],
          replicas: 2,
          current: false,
        },
      ],
    };
    const { calls, show } = setUp((method) => {
      if (method === 'kube.rollout.history') return sts;
      if (method === 'kube.rollout.undo')
        return { rolledBack: true, revision: 1, message: 'Rolling db back to revision 1.' };
      return undefined;
    });
    const db: KubeStatefulSet = {
      namespace: 'shop',
      name: 'db',
      created: '',
      desired: 3,
      ready: 3,
      upToDate: 1,
      service: 'db',
      claims: [],
    };
    const at = { context: 'kind-dev', namespace: 'shop', name: 'db' };
    show(<RolloutDialog resource="statefulsets" target={at} row={db} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Rollout of stateful set db' });
    expect((await within(dialog).findByRole('status')).textContent).toBe(sts.status);
    expect(calls.find((c) => c.method === 'kube.rollout.history')?.args).toEqual({ ...at, resource: 'statefulsets' });
    const table = within(dialog).getByRole('table', { name: 'Revisions of db' });
    expect(within(table).getByRole('row', { name: 'Revision 2 (running now)' }).textContent).toContain('main: pg:16');
    await userEvent.click(within(table).getByRole('button', { name: 'Roll back to revision 1' }));
    const confirm = await screen.findByRole('dialog', { name: 'Roll back stateful set db to revision 1?' });
    expect(confirm.textContent).toContain('The stateful set’s pod template becomes revision 1’s again (main: pg:15)');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'kube.rollout.undo')?.args).toEqual({
        ...at,
        resource: 'statefulsets',
        revision: 1,
      }),
    );
    await waitFor(() =>
      expect(useUi.getState().toasts.some((t) => t.text === 'Rolling db back to revision 1.')).toBe(true),
    );
  });
});
