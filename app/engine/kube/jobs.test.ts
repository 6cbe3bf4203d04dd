// Running a job again against the fake API server (no API server can run here): a new job with the
// old spec and owner, without the controller's generated selector and labels; the old job kept; a
// manual selector kept as the user wrote it; a missing job and an RBAC refusal as sentences.
import { describe, expect, it } from 'vitest';
import { retryJob } from './jobs';
import { fakeContexts } from './test-support/fake-contexts';

const startFake = fakeContexts('berth-kube-job-retry-');

const uid = 'b8e1c2d4-0000-4000-8000-000000000001';
const failedJob = (extra: object = {}) => ({
  metadata: {
    name: 'migrate',
    namespace: 'shop',
    labels: { app: 'shop', 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid, 'job-name': 'migrate' },
    // The applied configuration names the old job: the new one does not carry it.
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"metadata":{"name":"migrate"}}',
      team: 'data',
    },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'cron-1', controller: true }],
  },
  spec: {
    backoffLimit: 2,
    completions: 1,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    template: {
      metadata: {
        labels: { app: 'shop', 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'migrate' },
      },
      spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'shop:2', args: ['migrate'] }] },
    },
    ...extra,
  },
  status: { failed: 3, conditions: [{ type: 'Failed', status: 'True' }] },
});

describe('retryJob against the fake API server', () => {
  it('creates NAME-retry-<time> with the same spec and owner, without the generated selector and labels', async () => {
    const { fake, kc } = await startFake();
    fake.put('jobs', failedJob());
    const r = await retryJob(kc, 'shop', 'migrate', Date.UTC(2026, 11, 4, 12));
    expect(r.job).toMatch(/^migrate-retry-[0-9a-z]+$/);
    const copy = fake.get('jobs', 'shop', r.job) as ReturnType<typeof failedJob> & {
      metadata: { annotations: object };
    };
    expect(copy.metadata.labels).toEqual({ app: 'shop' });
    expect(copy.metadata.annotations).toEqual({ team: 'data', 'berth.dev/retry-of': 'migrate' });
    expect(copy.metadata.ownerReferences).toEqual(failedJob().metadata.ownerReferences);
    expect(copy.spec.selector).toBeUndefined();
    expect(copy.spec.template.metadata.labels).toEqual({ app: 'shop' });
    expect(copy.spec.template.spec).toEqual(failedJob().spec.template.spec);
    expect(copy.spec.backoffLimit).toBe(2);
    expect(copy.status).toBeUndefined();
    expect(fake.get('jobs', 'shop', 'migrate')).toBeDefined();
  });

  it('keeps a selector the user chose (manualSelector) with the template’s labels', async () => {
    const { fake, kc } = await startFake();
    fake.put('jobs', failedJob({ manualSelector: true, selector: { matchLabels: { run: 'x' } } }));
    const r = await retryJob(kc, 'shop', 'migrate');
    const copy = fake.get('jobs', 'shop', r.job) as ReturnType<typeof failedJob>;
    expect(copy.spec.selector).toEqual({ matchLabels: { run: 'x' } });
    expect(copy.spec.template.metadata.labels).toEqual(failedJob().spec.template.metadata.labels);
  });

  it('cuts a long name to 63 characters, and says what is wrong when the job is gone or RBAC refuses', async () => {
    const { fake, kc } = await startFake();
    const long = `${'a'.repeat(60)}-x`;
    fake.put('jobs', { ...failedJob(), metadata: { ...failedJob().metadata, name: long } });
    const r = await retryJob(kc, 'shop', long);
    expect(r.job.length).toBeLessThanOrEqual(63);
    expect(r.job).toMatch(/^a+-retry-[0-9a-z]+$/);
    await expect(retryJob(kc, 'shop', 'gone')).rejects.toMatchObject({ kind: 'not-found' });
    fake.put('jobs', failedJob());
    fake.deny('admin', 'create', 'jobs');
    await expect(retryJob(kc, 'shop', 'migrate')).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('cannot create resource "jobs"'),
    });
  });
});
