// images.*, volumes.*, networks.*, the engine page's system requests and settings.*, one file per area.
import { imageRequests } from './images';
import { networkRequests } from './networks';
import { settingsRequests } from './settings';
import { systemRequests } from './system';
import { volumeRequests } from './volumes';

export const objectRequests = {
  ...imageRequests,
  ...volumeRequests,
  ...networkRequests,
  ...systemRequests,
  ...settingsRequests,
};
