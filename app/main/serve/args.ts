// Flags of `berth serve`, parsed without a library so errors read as sentences.
import { isLoopback } from './security';

export interface ServeArgs {
  host: string;
  port: number;
  engineSocket?: string;
  /** True when --host binds beyond loopback. */
  exposed: boolean;
}

export const serveUsage = `berth serve [--port N] [--host ADDRESS] [--engine-socket URL]

  --port N             port to listen on (default: a free one; 0 picks a free one)
  --host ADDRESS       address to bind (default 127.0.0.1). Anything but loopback exposes
                       Berth to your network: a warning is printed.
  --engine-socket URL  use this engine (unix:///path, tcp://host:port, ssh://user@host)
                       instead of Berth's own engine selection
Environment: BERTH_HOME moves Berth's data and config (used by the tests).`;

export function parseServeArgs(argv: string[]): ServeArgs | { error: string } {
  const out: ServeArgs = { host: '127.0.0.1', port: 0, exposed: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 0 || n > 65535)
          return { error: `--port needs a number from 0 to 65535, not "${v ?? ''}".` };
        out.port = n;
        break;
      }
      case '--host': {
        const v = value();
        if (!v) return { error: '--host needs an address, e.g. 127.0.0.1.' };
        out.host = v.replace(/^\[(.*)\]$/, '$1');
        out.exposed = !isLoopback(out.host);
        break;
      }
      case '--engine-socket': {
        const v = value();
        if (!v) return { error: '--engine-socket needs an engine address, e.g. unix:///var/run/docker.sock.' };
        out.engineSocket = v;
        break;
      }
      default:
        return { error: `unknown option "${arg}".` };
    }
  }
  return out;
}
