import { describe, expect, it } from 'vitest';
import { lineLabel, prefixContext, serviceColourClass, toMarkedLine } from './service-colours';

describe('service colours and markers', () => {
  const ctx = prefixContext([
    { name: 'worker', containers: [1] },
    { name: 'web', containers: [1, 2] },
  ]);

  it('gives each service a stable colour by name order', () => {
    expect(serviceColourClass(ctx.services, 'web')).toBe('svc-colour-0');
    expect(serviceColourClass(ctx.services, 'worker')).toBe('svc-colour-1');
  });

  it('marks replicas with their number and pads labels to one width', () => {
    expect(lineLabel({ service: 'web', container: 'shop_web_2' }, ctx.replicated)).toBe('web-2');
    expect(lineLabel({ service: 'worker', container: 'shop_worker_1' }, ctx.replicated)).toBe('worker');
    expect(ctx.width).toBe(6);
  });

  it('turns a project line into a log line with a coloured marker and keeps stream and time', () => {
    const l = toMarkedLine(
      { service: 'worker', container: 'shop_worker_1', stream: 'stderr', text: 'boom', ts: '2024-01-01T00:00:00Z' },
      ctx,
    );
    expect(l).toEqual({ stream: 'stderr', text: '\x1b[32mworker |\x1b[0m boom', ts: '2024-01-01T00:00:00Z' });
  });
});
