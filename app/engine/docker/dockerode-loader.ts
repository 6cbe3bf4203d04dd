// Loads dockerode without the parts most sessions never use, which it would otherwise load (and
// compile) up front: its BuildKit session module (@grpc/grpc-js, @grpc/proto-loader, protobufjs:
// about 250 ms of CPU, used only by a BuildKit build) and docker-modem's ssh transport (ssh2: about
// 100 ms, used only for ssh:// engines). Each is replaced in Node's module cache by a stand-in with
// the same signature that loads the real module the first time it is called, so behaviour is
// unchanged and only the cost moves to the first build or ssh connection.
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import type Docker from 'dockerode';

const requireHere = createRequire(import.meta.url);

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Puts a stand-in for the function module `file` into the cache, unless it is loaded already. */
export function deferFunctionModule(file: string): void {
  if (requireHere.cache[file]) return;
  let real: AnyFunction | undefined;
  const stand = new Module(file);
  stand.filename = file;
  stand.loaded = true;
  stand.exports = function deferred(this: unknown, ...args: unknown[]) {
    if (!real) {
      if (requireHere.cache[file] === stand) delete requireHere.cache[file];
      real = requireHere(file) as AnyFunction;
    }
    return real.apply(this, args);
  };
  requireHere.cache[file] = stand;
}

/** The files deferred: dockerode's session module and docker-modem's ssh module. */
export function deferredDockerodeParts(): string[] {
  const dockerode = dirname(requireHere.resolve('dockerode/package.json'));
  const modem = dirname(requireHere.resolve('docker-modem/package.json', { paths: [dockerode] }));
  return [requireHere.resolve(`${dockerode}/lib/session.js`), requireHere.resolve(`${modem}/lib/ssh.js`)];
}

let loaded: typeof Docker | undefined;

/** dockerode's Docker class, loaded once with its BuildKit session and ssh transport deferred. */
export function loadDockerode(): typeof Docker {
  if (!loaded) {
    for (const file of deferredDockerodeParts()) deferFunctionModule(file);
    loaded = requireHere('dockerode') as typeof Docker;
  }
  return loaded;
}
