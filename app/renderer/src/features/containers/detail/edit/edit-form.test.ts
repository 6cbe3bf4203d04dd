import { describe, expect, it } from 'vitest';
import { editChanges, needsRecreate } from '../../../../../../shared/container-edit';
import { formOf, toEditSpec, validateEditForm } from './edit-form';

const spec = {
  command: ['sh', '-c', "echo 'hi there'"],
  env: ['A=1', 'B=2'],
  ports: [{ containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' as const }],
  volumes: [{ source: '/srv/site', target: '/www', readOnly: true }],
  network: 'bridge',
  restart: 'on-failure' as const,
  labels: { a: 'b=c' },
  memory: 128 * 1024 * 1024,
  cpus: 1.5,
};

describe('edit form', () => {
  it('round-trips a spec through the form unchanged (quotes, labels with "=", limits)', () => {
    const back = toEditSpec(formOf(spec));
    expect(back).toEqual(spec);
    expect(editChanges(spec, back)).toEqual([]);
  });

  it('lists only what changed, item by item, and whether it recreates', () => {
    const f = formOf(spec);
    f.env = 'A=1\nC=3';
    f.memory = '256';
    const changes = editChanges(spec, toEditSpec(f));
    expect(changes).toEqual([
      { field: 'env', label: 'Environment', removed: ['B=2'], added: ['C=3'], inPlace: false },
      { field: 'memory', label: 'Memory limit', removed: ['128 MiB'], added: ['256 MiB'], inPlace: true },
    ]);
    expect(needsRecreate(changes)).toBe(true);
    expect(needsRecreate(changes.slice(1))).toBe(false);
  });

  it('removing a limit needs a new container (the engine cannot lift it in place)', () => {
    const f = formOf(spec);
    f.cpus = '';
    expect(editChanges(spec, toEditSpec(f))).toMatchObject([{ field: 'cpus', added: ['no limit'], inPlace: false }]);
  });

  it('says what is wrong, per field', () => {
    const f = formOf(spec);
    f.cpus = '-1';
    f.labels = '=x';
    f.volumes = [{ source: 'data', target: 'rel', readOnly: false }];
    expect(Object.keys(validateEditForm(f)).sort()).toEqual(['cpus', 'labels.0', 'volumes.0.target']);
  });
});
