// @vitest-environment happy-dom
// The counting tabs over a scripted client, read as kubectl get reads them: replica sets (desired,
// current, ready, owner), jobs (completions, failures, duration) and horizontal pod autoscalers
// (what they scale, each metric now/target, min, max, replicas and where they are scaling to).
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeHpa, KubeJob, KubeReplicaSet } from '../../../../shared/contract/areas/kube';
import { KubernetesPage } from './KubernetesPage';
import { listed, ok, setUp, withLayoutHeight } from './test-support';

afterEach(cleanup);

withLayoutHeight();

const created = new Date(Date.now() - 2 * 3600_000).toISOString();

/** Shows the tab of `resource`, lists `rows` in its watch, and returns its table (named `label`). */
async function listedIn(resource: string, label: string, ...rows: object[]) {
  const { live, show } = setUp(ok);
  show(<KubernetesPage rest={[resource]} />);
  await waitFor(() => expect(live(resource)).toHaveLength(1));
  live(resource)[0]!.push(listed(...rows));
  return screen.findByRole('table', { name: label });
}

/** The cells of a row, by column header. */
function cells(table: HTMLElement, row: HTMLElement): Record<string, string> {
  const heads = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent ?? '');
  const values = within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
  return Object.fromEntries(heads.map((h, i) => [h, values[i] ?? '']));
}

describe('Kubernetes counting tabs', () => {
  it('shows an autoscaler’s target, metrics now/target, bounds, and the replicas it is scaling to', async () => {
    const steady: KubeHpa = {
      namespace: 'shop',
      name: 'web',
      created,
      target: 'Deployment/web',
      metrics: ['cpu 40%/80%', 'requests_per_second 120/100'],
      min: 2,
      max: 10,
      current: 3,
      desired: 3,
    };
    const scaling: KubeHpa = {
      ...steady,
      name: 'api',
      target: 'StatefulSet/api',
      metrics: ['memory <unknown>/70%'],
      current: 2,
      desired: 5,
    };
    const table = await listedIn('horizontalpodautoscalers', 'Autoscalers', steady, scaling);
    const web = cells(table, within(table).getByRole('row', { name: 'web' }));
    expect(web['Scales']).toBe('Deployment web');
    expect(web['Metrics (now/target)']).toContain('cpu 40%/80%');
    expect(web['Metrics (now/target)']).toContain('requests_per_second 120/100');
    expect(web['Min']).toBe('2');
    expect(web['Max']).toBe('10');
    expect(web['Replicas']).toBe('3');
    const api = cells(table, within(table).getByRole('row', { name: 'api' }));
    expect(api['Scales']).toBe('StatefulSet api');
    // No metrics server: the current value is unknown, as kubectl says.
    expect(api['Metrics (now/target)']).toBe('memory <unknown>/70%');
    expect(api['Replicas']).toBe('2 → 5');
  });

  it('shows a job’s completions, failures and duration, short ones marked', async () => {
    const running: KubeJob = {
      namespace: 'shop',
      name: 'migrate',
      created,
      succeeded: 2,
      completions: 3,
      active: 1,
      failed: 1,
      status: 'Running',
      durationSeconds: 95,
      owner: '',
    };
    const done: KubeJob = {
      ...running,
      name: 'seed',
      succeeded: 1,
      completions: 1,
      active: 0,
      failed: 0,
      status: 'Complete',
      durationSeconds: 4,
      owner: 'CronJob/nightly',
    };
    const table = await listedIn('jobs', 'Jobs', running, done);
    const migrateRow = within(table).getByRole('row', { name: 'migrate' });
    const migrate = cells(table, migrateRow);
    expect(migrate['Completions']).toBe('2/3');
    expect(within(migrateRow).getByText('2/3').className).toBe('kube-short');
    expect(migrate['Failed']).toBe('1');
    expect(migrate['Duration']).toBe('1m35s');
    const seed = cells(table, within(table).getByRole('row', { name: 'seed' }));
    expect(seed['Completions']).toBe('1/1');
    expect(seed['Owned by']).toBe('CronJob nightly');
  });

  it('shows a replica set’s desired, current and ready pods and its deployment', async () => {
    const rs: KubeReplicaSet = {
      namespace: 'shop',
      name: 'web-7d4b9c',
      created,
      desired: 3,
      current: 3,
      ready: 2,
      owner: 'Deployment/web',
    };
    const table = await listedIn('replicasets', 'Replica sets', rs);
    const row = cells(table, within(table).getByRole('row', { name: 'web-7d4b9c' }));
    expect(Object.values(row).join('|')).toContain('2/3');
    expect(Object.values(row).join('|')).toContain('Deployment web');
  });
});
