// Writing a file atomically, for the shells (Electron, serve) without reaching into the engine layer.
export { writeFileAtomically, writeJsonAtomically } from '../engine/util/atomic-write';
