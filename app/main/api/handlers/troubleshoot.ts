// troubleshoot.* requests: purge the managed engine's data (preview, then a task) and reset Berth's
// settings to their defaults (preview, then the reset). The bundle is a stream (streams/troubleshoot.ts).
import { purgePreview, purgeTask } from '../../../engine/host';
import { resetPreview, resetSettings } from '../../troubleshoot/settings-reset';
import type { RequestHandlers } from '../types';
import { applyVmSettings } from './vm';

export const troubleshootHandlers: Pick<
  RequestHandlers,
  'troubleshoot.purgePreview' | 'troubleshoot.purge' | 'troubleshoot.resetPreview' | 'troubleshoot.reset'
> = {
  'troubleshoot.purgePreview': async (_a, { engine, selection }) =>
    purgePreview(selection?.active, () => engine.client()),
  'troubleshoot.purge': async ({ token }, { engine, selection, tasks }) =>
    tasks.run(
      await purgeTask({
        host: selection?.active,
        client: () => engine.client(),
        token,
        stop: () => engine.stop(),
        start: () => engine.start(),
      }),
    ),
  'troubleshoot.resetPreview': async (_a, { settings }) => resetPreview(settings),
  'troubleshoot.reset': async ({ token }, { settings, engine }) => {
    const before = settings.get().settings.vm;
    const state = resetSettings(settings, token);
    if (JSON.stringify(before) !== JSON.stringify(state.settings.vm)) await applyVmSettings(engine, state.settings.vm);
    return state;
  },
};
