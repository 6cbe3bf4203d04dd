import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { probeEngine, requireReachable } from './probe';

// Address handling only; probes of real engines are in external.int.test.ts.
describe('probeEngine', () => {
  it('reports a missing socket by its path', async () => {
    const r = await probeEngine('/nonexistent/berth/docker.sock', 300);
    expect(r).toMatchObject({ reachable: false, reason: 'no socket at /nonexistent/berth/docker.sock' });
  });

  it('reports a bad scheme as an unusable address, naming it', async () => {
    const r = await probeEngine('ftp://example.org/docker', 300);
    expect(r.reachable).toBe(false);
    expect(r.reason).toContain('"ftp://example.org/docker"');
    expect(r.reason).toContain('scheme "ftp" is not supported');
    const err = await requireReachable('ftp://example.org/docker').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('invalid');
  });

  it('reports a context without endpoint', async () => {
    expect((await probeEngine('context:gone')).reason).toContain('docker context "gone"');
  });
});
