// @vitest-environment happy-dom
// The workload actions of the resource tabs over a scripted client: a finished job run again (a
// running one not offered, with the reason), the refusal as a toast, and a deployment's and a daemon
// set's Rollout opening its dialog on the live row (none on a replica set); a deployment's logs merged across the pods its selector names,
// the stream closed with the dialog.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeJob } from '../../../../shared/contract/areas/kube';
import { BerthError } from '../../../../shared/errors';
import { useUi } from '../../app/ui-store';
import { KubernetesPage } from './KubernetesPage';
import { listed, ok, setUp, withLayoutHeight } from './test-support';

afterEach(cleanup);
withLayoutHeight();

const job = (name: string, status: string): KubeJob => ({
  namespace: 'shop',
  name,
  created: '',
  succeeded: 0,
  completions: 1,
  active: status === 'Running' ? 1 : 0,
  failed: status === 'Failed' ? 3 : 0,
  status,
  durationSeconds: 12,
  owner: '',
});
/** The deployments tab with one deployment, web, listed; its row. */
async function deploymentRow(t: ReturnType<typeof setUp>) {
  t.show(<KubernetesPage rest={['deployments']} />);
  await waitFor(() => expect(t.live('deployments')).toHaveLength(1));
  t.live('deployments')[0]!.push(
    listed({ namespace: 'shop', name: 'web', created: '', desired: 2, ready: 2, upToDate: 2, available: 2 }),
  );
  return screen.findByRole('row', { name: /web/ });
}
const toasts = () => useUi.getState().toasts.map((t) => t.text);

describe('Kubernetes workload actions', () => {
  it('runs a failed job again, and does not offer it for a running one', async () => {
    const t = setUp((m, a) => {
      if (m !== 'kube.jobs.retry') return ok(m);
      if (a.name === 'locked') throw new BerthError({ kind: 'unauthorized', message: 'jobs is forbidden: no.' });
      return { job: `${String(a.name)}-retry-x1` };
    });
    t.show(<KubernetesPage rest={['jobs']} />);
    await waitFor(() => expect(t.live('jobs')).toHaveLength(1));
    t.live('jobs')[0]!.push(listed(job('migrate', 'Failed'), job('reindex', 'Running'), job('locked', 'Complete')));
    const table = await screen.findByRole('table', { name: 'Jobs' });
    const running = within(within(table).getByRole('row', { name: /reindex/ })).getByRole('button', {
      name: 'Run again',
    });
    expect((running as HTMLButtonElement).disabled).toBe(true);
    expect(running.getAttribute('title')).toBe('Job reindex is still running.');
    await userEvent.click(
      within(within(table).getByRole('row', { name: /migrate/ })).getByRole('button', { name: 'Run again' }),
    );
    await waitFor(() => expect(toasts()).toContain('Started job migrate-retry-x1, a new run of migrate.'));
    expect(t.calls.find((c) => c.method === 'kube.jobs.retry')?.args).toEqual({
      context: 'kind-dev',
      namespace: 'shop',
      name: 'migrate',
    });
    await userEvent.click(
      within(within(table).getByRole('row', { name: /locked/ })).getByRole('button', { name: 'Run again' }),
    );
    await waitFor(() => expect(toasts()).toContain('jobs is forbidden: no.'));
  });

  it('opens a deployment’s rollout from its row', async () => {
    const t = setUp((m) =>
      m === 'kube.rollout.history'
        ? { status: 'Deployment web successfully rolled out.', done: true, failed: false, revisions: [] }
        : ok(m),
    );
    const row = await deploymentRow(t);
    await userEvent.click(within(row).getByRole('button', { name: 'Rollout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rollout of deployment web' });
    expect((await within(dialog).findByRole('status')).textContent).toBe('Deployment web successfully rolled out.');
  });

  it('offers Rollout on a daemon set’s row and opens its rollout with its kind; not on a replica set’s', async () => {
    const t = setUp((m) =>
      m === 'kube.rollout.history'
        ? { status: 'Daemon set agent successfully rolled out.', done: true, failed: false, revisions: [] }
        : ok(m),
    );
    t.show(<KubernetesPage rest={['daemonsets']} />);
    await waitFor(() => expect(t.live('daemonsets')).toHaveLength(1));
    t.live('daemonsets')[0]!.push(
      listed({
        namespace: 'shop',
        name: 'agent',
        created: '',
        desired: 3,
        current: 3,
        ready: 3,
        upToDate: 3,
        available: 3,
        nodeSelector: '',
      }),
    );
    const row = await screen.findByRole('row', { name: /agent/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Rollout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rollout of daemon set agent' });
    expect((await within(dialog).findByRole('status')).textContent).toBe('Daemon set agent successfully rolled out.');
    expect(t.calls.find((c) => c.method === 'kube.rollout.history')?.args).toEqual({
      context: 'kind-dev',
      resource: 'daemonsets',
      namespace: 'shop',
      name: 'agent',
    });
    cleanup();
    const r = setUp((m) => ok(m));
    r.show(<KubernetesPage rest={['replicasets']} />);
    await waitFor(() => expect(r.live('replicasets')).toHaveLength(1));
    r.live('replicasets')[0]!.push(
      listed({ namespace: 'shop', name: 'web-h1', created: '', desired: 1, current: 1, ready: 1, owner: '' }),
    );
    const rs = await screen.findByRole('row', { name: /web-h1/ });
    expect(within(rs).queryByRole('button', { name: 'Rollout' })).toBeNull();
  });

  it('merges a deployment’s pods’ logs, and closes the stream with the dialog', async () => {
    const t = setUp((m) =>
      m === 'kube.workloadPods'
        ? {
            selector: 'app=web',
            pods: [
              { name: 'web-a', containers: ['main'] },
              { name: 'web-b', containers: ['sidecar', 'main'] },
            ],
          }
        : ok(m),
    );
    const row = await deploymentRow(t);
    await userEvent.click(within(row).getByRole('button', { name: 'Logs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Logs of deployment web' });
    expect((await within(dialog).findByText(/2 pods matching app=web/)).textContent).toContain('app=web');
    await waitFor(() => expect(t.live('kube.mergedLogs')).toHaveLength(1));
    expect(t.live('kube.mergedLogs')[0]!.args).toEqual({
      context: 'kind-dev',
      namespace: 'shop',
      pods: [
        { pod: 'web-a', container: 'main' },
        { pod: 'web-b', container: 'sidecar' },
      ],
      tail: 1000,
      follow: true,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(t.live('kube.mergedLogs')).toHaveLength(0));
  });
});
