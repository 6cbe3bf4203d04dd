// engine.config.* through the contract (arguments parsed as received, then the handler) on a real
// Berth-managed dockerd in a temp BERTH_HOME: the preview names a running container and what the
// restart does to it, the applied mirror shows in engine.info, and the container with a restart
// policy is back afterwards; a text that is no text is refused where it is received; with a fixed
// engine (no selection) the settings are not offered, with a sentence.
import { afterEach, describe, expect, it } from 'vitest';
import { buildBusybox } from '../../../../harness/fixtures';
import { requests } from '../../../shared/contract';
import { managedEngines } from '../test-support/managed-engine';
import { handlers } from '.';

const engines = managedEngines();
afterEach(() => engines.dispose());
const managed = () => engines.create('dcfgapi');

const MIRROR = 'https://mirror.berth-api-test.example';

describe('engine.config.* on a Berth-managed dockerd', () => {
  it('previews the restart for a running container, applies a mirror that engine.info then shows', async () => {
    const { home, ctx, docker } = await managed();
    const image = await buildBusybox({ dir: home.dir, docker } as Parameters<typeof buildBusybox>[0]);
    expect(
      (await docker(['run', '-d', '--name', 'keeper', '--restart', 'always', image, '/bin/sleep', '600'])).code,
    ).toBe(0);

    const view = await handlers['engine.config.get'](requests['engine.config.get'].args.parse({}), ctx);
    expect(view.managed).toBe(true);
    const text = `{"registry-mirrors": ["${MIRROR}"]}`;
    const check = await handlers['engine.config.check'](requests['engine.config.check'].args.parse({ text }), ctx);
    expect(check.valid).toBe(true);
    expect(check.restart.containers).toEqual([{ name: 'keeper', restartPolicy: 'always', after: 'comes back' }]);
    expect(check.restart.summary).toContain('stops its 1 running container');

    const applied = await handlers['engine.config.apply'](
      requests['engine.config.apply'].args.parse({ text, version: view.version }),
      ctx,
    );
    expect(applied).toMatchObject({
      outcome: 'applied',
      message: 'The engine restarted with the new settings (1 change).',
    });
    expect(ctx.engine.status().state).toBe('running');
    const info = await handlers['engine.info']({}, ctx);
    expect(info.registryMirrors).toEqual([`${MIRROR}/`]);
    const state = await docker(['inspect', '--format', '{{.State.Running}}', 'keeper']);
    expect(state.stdout.trim()).toBe('true'); // back by its restart policy, as the preview said
  }, 180_000);

  it('refuses a text with a NUL where it is received, and says why a fixed engine has no settings here', async () => {
    const parsed = requests['engine.config.check'].args.safeParse({ text: '{"debug": true}\0' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('The engine settings are text: they have no NUL characters.');

    const { ctx } = await managed();
    const fixed = { ...ctx, selection: undefined };
    const view = await handlers['engine.config.get']({}, fixed);
    expect(view.managed).toBe(false);
    expect(view.reason).toMatch(/^Berth was started with a fixed engine \(berth serve --engine-socket\)/);
    await expect(handlers['engine.config.apply']({ text: '{}', version: 'none' }, fixed)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('cannot change that engine'),
    });
  }, 120_000);
});
