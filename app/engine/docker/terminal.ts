// A container's terminal (an exec or the debug shell) is the engine's shared terminal
// (engine/util/terminal.ts) over an ExecSession.
export { execItems, terminalOf, type Terminal } from '../util/terminal';
