// settings.* requests onto Berth's settings store; VM settings reach the active VM.
import type { RequestHandlers } from '../types';
import { applyVmSettings } from './vm';

export const settingsHandlers: Pick<RequestHandlers, 'settings.get' | 'settings.update'> = {
  'settings.get': async (_a, { settings }) => settings.get(),
  'settings.update': async (patch, { settings, engine }) => {
    const state = settings.update(patch);
    if (patch.vm) await applyVmSettings(engine, state.settings.vm);
    return state;
  },
};
