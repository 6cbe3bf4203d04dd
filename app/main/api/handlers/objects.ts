// volumes.*, networks.*, the engine page's system requests and settings.*, one file per area.
import type { RequestHandlers } from '../types';
import { networkHandlers } from './networks';
import { settingsHandlers } from './settings';
import { systemHandlers } from './system';
import { volumeHandlers } from './volumes';

type Owned =
  | keyof typeof volumeHandlers
  | keyof typeof networkHandlers
  | keyof typeof systemHandlers
  | keyof typeof settingsHandlers;

export const objectHandlers: Pick<RequestHandlers, Owned> = {
  ...volumeHandlers,
  ...networkHandlers,
  ...systemHandlers,
  ...settingsHandlers,
};
