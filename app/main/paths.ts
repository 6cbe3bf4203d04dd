// Berth's data and config folders, for the shells (Electron, serve) without reaching into the engine layer.
export { berthPaths, type BerthPaths } from '../engine/host/paths';
