// @vitest-environment happy-dom
// The resource tabs over a scripted client: services joined with their endpoints, cron jobs run now
// and suspended, a rollout restart only once confirmed, an object's details and YAML, events named by
// what happened to what, a pod's previous-instance log, a re-list swapped in whole, and the top bar's
// cluster badge.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  KubeCronJob,
  KubeDescribed,
  KubeEndpoints,
  KubeEvent,
  KubeService,
} from '../../../../shared/contract/areas/kube';
import { useUi } from '../../app/ui-store';
import { ClusterIndicator } from './ClusterIndicator';
import { KubernetesPage } from './KubernetesPage';
import { argsOf, inShop, listed, ok, pod, setUp, unreachable, withLayoutHeight } from './test-support';

afterEach(cleanup);

withLayoutHeight();

const service: KubeService = {
  namespace: 'shop',
  name: 'web',
  created: '',
  type: 'NodePort',
  clusterIP: '10.96.0.10',
  externalIP: '',
  ports: ['http 80:30080→8080/TCP'],
  selector: 'app=web',
};
const endpoints: KubeEndpoints = {
  namespace: 'shop',
  name: 'web',
  created: '',
  ready: ['10.244.0.5:8080', '10.244.0.6:8080'],
  notReady: 1,
};
const cron: KubeCronJob = {
  namespace: 'shop',
  name: 'backup',
  created: '',
  schedule: '0 3 * * *',
  suspend: false,
  active: 0,
  lastSchedule: new Date(Date.now() - 3 * 3600_000).toISOString(),
  lastSuccess: '',
};
const event: KubeEvent = {
  namespace: 'shop',
  name: 'web-1.17a',
  created: '',
  type: 'Warning',
  reason: 'BackOff',
  object: 'Pod/web-1',
  message: 'Back-off restarting failed container',
  count: 7,
  last: new Date().toISOString(),
};

function page(rest: string[], answer: (m: string, a: Record<string, unknown>) => unknown = ok) {
  const t = setUp(answer);
  const view = t.show(<KubernetesPage rest={rest} />);
  return { ...t, view };
}

describe('Kubernetes resource tabs', () => {
  it('shows services with their ports and how many endpoints answer, watching endpoints only there', async () => {
    const { live, view } = page(['services']);
    await waitFor(() => expect(live('services')).toHaveLength(1));
    expect(live('endpoints')).toHaveLength(1);
    expect(live('pods')).toHaveLength(0);
    live('services')[0]!.push(listed(service));
    live('endpoints')[0]!.push(listed(endpoints));
    const row = within(await screen.findByRole('table', { name: 'Services' })).getByRole('row', { name: /web/ });
    expect(row.textContent).toContain('NodePort');
    expect(row.textContent).toContain('10.96.0.10');
    expect(row.textContent).toContain('http 80:30080→8080/TCP');
    expect(row.textContent).toContain('2 ready, 1 not ready');
    // Leaving the tab closes both watches.
    view.rerender(<KubernetesPage rest={['pods']} />);
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    expect(live('services')).toHaveLength(0);
    expect(live('endpoints')).toHaveLength(0);
  });

  it('runs a cron job now and suspends it, saying what happened', async () => {
    const { live, calls } = page(['cronjobs'], (m, a) =>
      m === 'kube.cronjobs.trigger' ? { job: `${String(a.name)}-manual-abc` } : ok(m),
    );
    await waitFor(() => expect(live('cronjobs')).toHaveLength(1));
    live('cronjobs')[0]!.push(listed(cron));
    const row = await screen.findByRole('row', { name: /backup/ });
    expect(row.textContent).toContain('0 3 * * *');
    expect(row.textContent).toContain('Scheduled');
    expect(row.textContent).toContain('3 hours ago');
    await userEvent.click(within(row).getByRole('button', { name: 'Run now' }));
    await waitFor(() =>
      expect(useUi.getState().toasts.map((t) => t.text)).toContain(
        'Started job backup-manual-abc from cron job backup.',
      ),
    );
    await userEvent.click(within(row).getByRole('button', { name: 'Suspend' }));
    await waitFor(() =>
      expect(argsOf(calls, 'kube.cronjobs.suspend')).toEqual({
        context: 'kind-dev',
        namespace: 'shop',
        name: 'backup',
        suspend: true,
      }),
    );
    live('cronjobs')[0]!.push([{ type: 'upsert', item: { ...cron, suspend: true } }]);
    const again = await screen.findByRole('row', { name: /backup/ });
    expect(again.textContent).toContain('Suspended');
    expect(within(again).getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('restarts a deployment only once confirmed', async () => {
    const { live, calls } = page(['deployments']);
    await waitFor(() => expect(live('deployments')).toHaveLength(1));
    live('deployments')[0]!.push(
      listed({ namespace: 'shop', name: 'web', created: '', desired: 2, ready: 2, upToDate: 2, available: 2 }),
    );
    const row = await screen.findByRole('row', { name: /web/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Restart' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restart deployment web?' });
    expect(calls.some((c) => c.method === 'kube.restart')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restart' }));
    await waitFor(() => expect(argsOf(calls, 'kube.restart')).toEqual(inShop('deployments', 'web')));
  });

  it('shows a pod’s details: containers, conditions, events, and its YAML', async () => {
    const described: KubeDescribed = {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status',
          since: '',
        },
      ],
      events: [event],
      containers: [
        {
          name: 'app',
          image: 'busybox',
          ready: false,
          restarts: 2,
          state: 'Waiting: CrashLoopBackOff',
          lastState: 'Terminated: Error (exit 1)',
        },
      ],
    };
    const { live, calls } = page(['pods'], (m) => (m === 'kube.describe' ? described : ok(m)));
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    live('pods')[0]!.push(listed(pod('web-1')));
    const row = await screen.findByRole('row', { name: /web-1/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Details' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pod web-1' });
    const containers = await within(dialog).findByRole('table', { name: 'Containers' });
    expect(within(containers).getByRole('row', { name: 'app' }).textContent).toContain('Terminated: Error (exit 1)');
    expect(within(dialog).getByRole('table', { name: 'Conditions' }).textContent).toContain('ContainersNotReady');
    expect(within(dialog).getByRole('table', { name: 'Events' }).textContent).toContain('×7');
    await userEvent.click(within(dialog).getByRole('tab', { name: 'YAML' }));
    expect(within(dialog).getByLabelText('YAML of web-1').textContent).toContain('kind: Pod');
    expect(argsOf(calls, 'kube.describe')).toEqual(inShop('pods', 'web-1'));
  });

  it('names event rows by what happened to what, with no actions', async () => {
    const { live } = page(['events']);
    await waitFor(() => expect(live('events')).toHaveLength(1));
    live('events')[0]!.push(listed(event));
    const table = await screen.findByRole('table', { name: 'Events' });
    const row = within(table).getByRole('row', { name: /BackOff on Pod web-1/ });
    expect(row.textContent).toContain('Back-off restarting failed container');
    expect(within(row).queryAllByRole('button')).toHaveLength(0);
  });

  it('reads the previous instance’s log of a restarted pod, and not of one that never restarted', async () => {
    const { live, subs } = page(['pods']);
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    live('pods')[0]!.push(listed(pod('crashy', { restarts: 2 }), pod('calm')));
    await userEvent.click(
      within(await screen.findByRole('row', { name: /calm/ })).getByRole('button', { name: 'Logs' }),
    );
    let dialog = await screen.findByRole('dialog', { name: 'Logs of pod calm' });
    expect((within(dialog).getByRole('checkbox', { name: 'Previous instance' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.click(within(screen.getByRole('row', { name: /crashy/ })).getByRole('button', { name: 'Logs' }));
    dialog = await screen.findByRole('dialog', { name: 'Logs of pod crashy' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Previous instance' }));
    await waitFor(() =>
      expect(subs.filter((s) => s.topic === 'kube.logs' && !s.closed).map((s) => s.args)).toEqual([
        expect.objectContaining({ pod: 'crashy', previous: true, follow: false }),
      ]),
    );
    expect(screen.getByRole('dialog', { name: 'Logs of pod crashy (previous instance)' })).toBeTruthy();
  });

  it('keeps the rows shown while a lost watch lists again, and swaps the new list in whole', async () => {
    const { live } = page(['pods']);
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    live('pods')[0]!.push(listed(pod('old-1'), pod('old-2')));
    await screen.findByRole('row', { name: /old-1/ });
    live('pods')[0]!.push([{ type: 'reset' }, { type: 'upsert', item: pod('new-1') }]);
    expect(screen.getByRole('row', { name: /old-2/ })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /new-1/ })).toBeNull();
    live('pods')[0]!.push([{ type: 'synced' }]);
    await screen.findByRole('row', { name: /new-1/ });
    expect(screen.queryByRole('row', { name: /old-/ })).toBeNull();
    expect(screen.getByText('1 pod')).toBeTruthy();
  });
});

describe('ClusterIndicator', () => {
  it('says whether the shown context answers, not the engine’s state', async () => {
    const reachable = setUp(ok);
    reachable.show(<ClusterIndicator />);
    expect(
      (await screen.findByRole('link', { name: 'Cluster: kind-dev reachable. Kubernetes v1.31.0.' })).getAttribute(
        'href',
      ),
    ).toBe('#/kubernetes');
    cleanup();
    const down = setUp((m) => (m === 'kube.reach' ? unreachable('Berth could not reach the API server.') : ok(m)));
    down.show(<ClusterIndicator />);
    expect(
      await screen.findByRole('link', { name: 'Cluster: kind-dev unreachable. Berth could not reach the API server.' }),
    ).toBeTruthy();
  });
});
