// engine.config.*: the managed engine's daemon.json (read, check, apply with a restart). Without a
// selection (`berth serve --engine-socket`) the engine is fixed and not Berth's to configure.
import { applyDaemonConfig, checkDaemonConfig, readDaemonConfig, type EngineSelection } from '../../../engine/host';
import type { RequestHandlers } from '../types';

const target = (selection: EngineSelection | undefined) => (selection ? selection.active : 'fixed');

export const engineConfigHandlers: Pick<
  RequestHandlers,
  'engine.config.get' | 'engine.config.check' | 'engine.config.apply'
> = {
  'engine.config.get': async (_a, { selection }) => readDaemonConfig(target(selection)),
  'engine.config.check': async ({ text }, { engine, selection }) =>
    checkDaemonConfig(target(selection), text, () => engine.client()),
  'engine.config.apply': async ({ text, version }, { selection }) =>
    applyDaemonConfig(target(selection), text, version),
};
