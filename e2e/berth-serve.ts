// Starts `berth serve` (the built bundle) as its own process and resolves with the address it prints.
export { startBerthServe, type ServeProcess } from '../harness/serve-process';
