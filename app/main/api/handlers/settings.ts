// settings.* requests onto Berth's settings file in the config dir; VM settings reach the active VM.
import type { RequestHandlers } from '../types';
import { settingsStore } from './settings-store';
import { applyVmSettings } from './vm';

export const settingsHandlers: Pick<RequestHandlers, 'settings.get' | 'settings.update'> = {
  'settings.get': async (_a, { selection }) => settingsStore(selection).get(),
  'settings.update': async (patch, { selection, engine }) => {
    const state = settingsStore(selection).update(patch);
    if (patch.vm) await applyVmSettings(engine, state.settings.vm);
    return state;
  },
};
