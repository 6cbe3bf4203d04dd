// @vitest-environment happy-dom
// The members section of a stateful set's and a daemon set's details over a scripted client: rows
// named by pod and by node, "Missing" ordinals and claims, "No pod yet" on an eligible node, the
// nodes not eligible with their reasons, the empty sentences, a refused read of claims or nodes as
// a sentence beside the rest, and a failed read that leaves the rest of the dialog working.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  KubeDaemonSetMembers,
  KubeDescribed,
  KubeSetMembers,
  KubeStatefulSetMembers,
} from '../../../../shared/contract/areas/kube';
import { BerthError } from '../../../../shared/errors';
import { KubeDetailDialog } from './KubeDetailDialog';
import { setUp } from './test-support';

afterEach(cleanup);

const described = (kind: string, name: string): KubeDescribed => ({
  kind,
  namespace: 'shop',
  name,
  yaml: `kind: ${kind}\n`,
  conditions: [],
  events: [],
  containers: [],
});
const target = (name: string) => ({ context: 'kind-dev', namespace: 'shop', name });
const claim = (name: string, status: string, capacity = '') => ({
  template: 'data',
  name,
  status,
  capacity,
  requested: '1Gi',
  storageClass: 'standard',
});
const web: KubeStatefulSetMembers = {
  resource: 'statefulsets',
  replicas: 3,
  claimsError: '',
  updateRevision: 'web-7c9f',
  ordinals: [
    {
      ordinal: 0,
      pod: 'web-0',
      phase: 'Running',
      readyContainers: 1,
      containers: 1,
      restarts: 2,
      node: 'node-a',
      wanted: true,
      upToDate: false,
      claims: [claim('data-web-0', 'Bound', '1Gi')],
    },
    {
      ordinal: 1,
      pod: 'web-1',
      phase: 'Missing',
      readyContainers: 0,
      containers: 0,
      restarts: 0,
      node: '',
      wanted: true,
      upToDate: null,
      claims: [claim('data-web-1', 'Missing')],
    },
    {
      ordinal: 2,
      pod: 'web-2',
      phase: 'Pending',
      readyContainers: 0,
      containers: 1,
      restarts: 0,
      node: '',
      wanted: true,
      upToDate: true,
      claims: [claim('data-web-2', 'Pending')],
    },
  ],
};
const node = (n: string, extra: Partial<KubeDaemonSetMembers['nodes'][number]> = {}) => ({
  node: n,
  eligible: true,
  reason: '',
  pod: `fluentd-${n}`,
  phase: 'Running',
  readyContainers: 1,
  containers: 1,
  upToDate: true,
  ...extra,
});
const fluentd: KubeDaemonSetMembers = {
  resource: 'daemonsets',
  revision: 'revision h2',
  nodesError: '',
  nodes: [
    node('a'),
    node('b', { upToDate: false, reason: 'cordoned; daemon pods still run here' }),
    node('c', { pod: '', phase: '', upToDate: null }),
    node('d', { eligible: false, pod: '', phase: '', upToDate: null, reason: 'node selector disk=ssd does not match' }),
  ],
};

function open(resource: 'statefulsets' | 'daemonsets', name: string, members: () => KubeSetMembers) {
  const r = setUp((method) => {
    if (method === 'kube.describe') return described(resource === 'statefulsets' ? 'StatefulSet' : 'DaemonSet', name);
    if (method === 'kube.members') return members();
    return undefined;
  });
  r.show(<KubeDetailDialog resource={resource} target={target(name)} onClose={() => undefined} />);
  return r;
}

describe('SetMembersSection', () => {
  it('reads the members again when the set’s watched row changes, and not when it stays the same', async () => {
    let answer = web;
    const r = setUp((method) => {
      if (method === 'kube.describe') return described('StatefulSet', 'web');
      if (method === 'kube.members') return answer;
      return undefined;
    });
    const dialog = (row: object) => (
      <KubeDetailDialog resource="statefulsets" target={target('web')} row={row} onClose={() => undefined} />
    );
    const view = r.show(dialog({ name: 'web', ready: 2 }));
    const table = await screen.findByRole('table', { name: 'Pods and volume claims of web' });
    const asked = () => r.calls.filter((c) => c.method === 'kube.members').length;
    expect(asked()).toBe(1);
    // A new row object with the same content is no change; then the watch says the set changed (its
    // third pod came up): the section reads again, once, and shows it.
    view.rerender(dialog({ name: 'web', ready: 2 }));
    answer = { ...web, ordinals: web.ordinals.map((o) => ({ ...o, phase: 'Running', upToDate: true })) };
    view.rerender(dialog({ name: 'web', ready: 3 }));
    await waitFor(() => expect(within(table).getByRole('row', { name: 'web-1' }).textContent).toContain('Running'));
    // Had the equal row read again, that read would have been asked before this one.
    expect(asked()).toBe(2);
  });

  it('lists a stateful set’s pods by ordinal with their claims, Missing where none exists; Refresh reads again', async () => {
    const { calls } = open('statefulsets', 'web', () => web);
    const table = await screen.findByRole('table', { name: 'Pods and volume claims of web' });
    const row = (name: string) => within(table).getByRole('row', { name });
    expect(row('web-0').textContent).toContain('Running');
    expect(row('web-0').textContent).toContain('data-web-0 Bound 1Gi, class standard');
    expect(row('web-1').textContent).toContain('Missing');
    expect(row('web-1').textContent).toContain('data-web-1 Missing');
    expect(row('web-2').textContent).toContain('data-web-2 Pending asks 1Gi, class standard');
    // Up to date: web-0 runs an older revision, web-2 the update revision; a missing pod has none.
    const upToDate = (name: string) => within(row(name)).getAllByRole('cell')[4]!.textContent;
    expect(['web-0', 'web-1', 'web-2'].map(upToDate)).toEqual(['No', '—', 'Yes']);
    expect(screen.getByText('Up to date: the pod runs the set’s update revision (web-7c9f).')).toBeTruthy();
    expect(calls.find((c) => c.method === 'kube.members')?.args).toEqual({
      ...target('web'),
      resource: 'statefulsets',
    });
    // The rest of the details are there too.
    expect(screen.getByText('This StatefulSet reports no conditions.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'kube.members')).toHaveLength(2));
  });

  it('lists a daemon set’s nodes with the pod on each, "No pod yet", and the nodes it does not belong on', async () => {
    open('daemonsets', 'fluentd', () => fluentd);
    const table = await screen.findByRole('table', { name: 'Nodes of fluentd' });
    const row = (name: string) => within(table).getByRole('row', { name });
    expect(row('a').textContent).toContain('fluentd-a');
    expect(row('b').textContent).toMatch(/No.*cordoned; daemon pods still run here/);
    expect(row('c').textContent).toContain('No pod yet');
    expect(within(table).queryByRole('row', { name: 'd' })).toBeNull();
    expect(screen.getByText('1 other node is not eligible for fluentd')).toBeTruthy();
    expect(screen.getByText('d: node selector disk=ssd does not match')).toBeTruthy();
    expect(screen.getByText(/current template \(revision h2\)/)).toBeTruthy();
  });

  it('says so when a stateful set has no replicas and when no node is eligible', async () => {
    open('statefulsets', 'idle', () => ({ ...web, replicas: 0, ordinals: [] }));
    expect(
      await screen.findByText('idle has 0 replicas, so it has no pods now. Its volume claims are kept.'),
    ).toBeTruthy();
    cleanup();
    open('daemonsets', 'gpu', () => ({ ...fluentd, nodes: [] }));
    expect(await screen.findByText('No node is eligible for gpu, and none runs its pod.')).toBeTruthy();
  });

  it('shows a refused read of claims or nodes as a sentence beside what was read', async () => {
    open('statefulsets', 'web', () => ({
      ...web,
      claimsError: 'Kubernetes refused this: persistentvolumeclaims is forbidden.',
    }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Berth could not read the volume claims: Kubernetes refused this: persistentvolumeclaims is forbidden.',
    );
    expect(screen.getByRole('table', { name: 'Pods and volume claims of web' })).toBeTruthy();
    cleanup();
    open('daemonsets', 'fluentd', () => ({ ...fluentd, nodesError: 'Kubernetes refused this: nodes is forbidden.' }));
    expect((await screen.findByRole('alert')).textContent).toContain('only the nodes fluentd’s pods are on are listed');
    expect(screen.getByRole('table', { name: 'Nodes of fluentd' })).toBeTruthy();
  });

  it('shows a failed read in the section and keeps the rest of the dialog', async () => {
    open('daemonsets', 'fluentd', () => {
      throw new BerthError({ kind: 'not-found', message: 'Kubernetes says daemonsets "fluentd" not found.' });
    });
    const section = await screen.findByRole('region', { name: 'Nodes of fluentd' });
    expect((await within(section).findByRole('alert')).textContent).toBe(
      'Kubernetes says daemonsets "fluentd" not found.',
    );
    expect(screen.getByText('This DaemonSet reports no conditions.')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(screen.getByLabelText('YAML of fluentd').textContent).toContain('kind: DaemonSet');
  });
});
