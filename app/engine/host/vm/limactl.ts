// limactl: finding it (Berth's bundled copy first, then PATH), reading `list --json` and
// `disk list --json`, and turning its logrus progress lines into Berth's progress lines.
import { join } from 'node:path';
import { compareVersions } from '../../docker/client';
import { findBinary } from '../binaries';
import { EngineStepError } from '../step-error';
import { runTool, type RunOptions, type RunResult } from './run';

export const MIN_LIMA_VERSION = '1.0.0';

export interface LimaInstance {
  name: string;
  /** "Running", "Stopped", "Broken" (Lima's words). */
  status: string;
  dir?: string;
  vmType?: string;
  cpus?: number;
  /** Bytes. */
  memory?: number;
  /** Bytes (system disk). */
  disk?: number;
  /** Why Lima considers the instance broken. */
  errors?: string[];
}

export interface LimaDisk {
  name: string;
  /** Bytes. */
  size: number;
  /** The instance that holds the disk's lock ("" when free). */
  instance?: string;
}

/** `limactl list --json` / `disk list --json` print one JSON object per line (older: one array). */
function jsonObjects(stdout: string): Record<string, unknown>[] {
  const text = stdout.trim();
  if (!text) return [];
  if (text.startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function parseLimaList(stdout: string): LimaInstance[] {
  return jsonObjects(stdout).map((o) => ({
    name: String(o.name ?? ''),
    status: String(o.status ?? 'Unknown'),
    ...(typeof o.dir === 'string' ? { dir: o.dir } : {}),
    ...(typeof o.vmType === 'string' ? { vmType: o.vmType } : {}),
    ...(typeof o.cpus === 'number' ? { cpus: o.cpus } : {}),
    ...(typeof o.memory === 'number' ? { memory: o.memory } : {}),
    ...(typeof o.disk === 'number' ? { disk: o.disk } : {}),
    ...(Array.isArray(o.errors) && o.errors.length ? { errors: o.errors.map(String) } : {}),
  }));
}

export function parseLimaDisks(stdout: string): LimaDisk[] {
  return jsonObjects(stdout).map((o) => ({
    name: String(o.name ?? ''),
    size: typeof o.size === 'number' ? o.size : 0,
    ...(typeof o.instance === 'string' ? { instance: o.instance } : {}),
  }));
}

/** "limactl version 1.0.3" → "1.0.3". */
export function parseLimaVersion(text: string): string | undefined {
  return /version\s+v?(\d+\.\d+\.\d+)/.exec(text)?.[1];
}

export interface LimaLogLine {
  level: string;
  msg: string;
  fields: Record<string, string>;
}

/** Parses a logrus text line: `time="…" level=info msg="Waiting for \"ssh\"" key=value`. */
export function parseLogLine(line: string): LimaLogLine | undefined {
  const fields: Record<string, string> = {};
  const re = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) fields[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  if (!fields.level || fields.msg === undefined) return undefined;
  const { level, msg, ...rest } = fields;
  delete rest.time;
  return { level, msg, fields: rest };
}

/** Berth's progress line for a limactl message, or undefined for messages the UI need not show. */
export function progressFor(msg: string): string | undefined {
  const text = msg.replace(/^\[hostagent\]\s*/, '');
  let m: RegExpExecArray | null;
  if (/^Attempting to download the image|^Downloading the image/.test(text))
    return "Downloading the VM's system image (first start only)";
  if ((m = /^Starting the instance ".*" with VM driver "(\w+)"/.exec(text)))
    return `Starting Berth's VM (${m[1]!.toUpperCase()})`;
  if (/^Starting (VZ|QEMU)/.test(text)) return "Booting Berth's VM";
  if ((m = /^Waiting for the essential requirement (\d+) of (\d+): "(.+)"/.exec(text)))
    return `Waiting for the VM to boot (${m[1]}/${m[2]}: ${m[3]})`;
  if (/^Waiting for the final requirement .*boot scripts/.test(text))
    return 'Setting up the engine inside the VM (the first start installs dockerd)';
  if (/^Forwarding ".*docker\.sock" \(guest\)/.test(text)) return "Forwarding the engine's socket to the Mac";
  if (/^READY\./.test(text)) return 'VM is running; waiting for the engine API';
  if (/^Sending SIGINT|^Shutting down|^Waiting for the host agent and the driver processes to shut down/.test(text))
    return "Shutting down Berth's VM";
  return undefined;
}

/** What to do about a limactl failure message. */
export function limaFix(msg: string, logDir: string): string {
  if (/download|no such host|dial tcp|i\/o timeout|x509|certificate/i.test(msg))
    return "Berth's VM image could not be downloaded: check the internet connection (and proxy settings), then start again.";
  if (/Virtualization\.framework|VZErrorDomain|vz driver|not supported by VZ/i.test(msg))
    return 'Apple Virtualization failed to start the VM: choose the QEMU VM type in Settings → Resources, or update macOS.';
  if (/qemu-system|QEMU binary|qemu-img/i.test(msg))
    return 'QEMU is not available: install it with `brew install qemu`, or use macOS 13 or newer, where Berth uses Apple Virtualization.';
  if (/disk .*(in use|locked)|already locked/i.test(msg))
    return "Another VM holds Berth's data disk: stop it, or run `limactl disk unlock berth-data` with LIMA_HOME set to Berth's, then start again.";
  if (/did not receive an event with the "running" status|timed out|deadline exceeded/i.test(msg))
    return `The VM did not finish booting in time; read ${join(logDir, 'ha.stderr.log')} and start again.`;
  return `Read the VM's log in ${logDir} (ha.stderr.log, serial*.log) and start again.`;
}

/** limactl from Berth's bundled resources (`<resources>/lima/bin/limactl`), else PATH. */
export function findLimactl(resourcesDir: string | undefined, env: Record<string, string | undefined>): string {
  const bundled = resourcesDir ? findBinary(join(resourcesDir, 'lima', 'bin', 'limactl'), env) : undefined;
  const found = bundled ?? findBinary('limactl', env);
  if (!found)
    throw new EngineStepError(
      'unavailable',
      "Could not start Berth's VM: limactl (Lima) is neither bundled with Berth nor installed.",
      'Reinstall Berth, or install Lima with `brew install lima`.',
    );
  return found;
}

/** A failed limactl command: its last fatal/error message (or stderr) and exit code. */
export class LimactlError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number,
    readonly reason: string,
  ) {
    super(`limactl ${args[0] ?? ''} failed (exit code ${code}): ${reason}`);
  }
}

/** Runs limactl with Berth's LIMA_HOME; every stderr line goes to `onLog`. */
export class Limactl {
  constructor(
    readonly file: string,
    private readonly env: Record<string, string | undefined>,
    private readonly onLog: (line: string) => void = () => undefined,
  ) {}

  async run(args: string[], opts: RunOptions & { okCodes?: number[] } = {}): Promise<RunResult> {
    let lastError = '';
    const res = await runTool(this.file, args, {
      ...opts,
      env: this.env,
      onStderrLine: (line) => {
        this.onLog(line);
        const parsed = parseLogLine(line);
        if (parsed && (parsed.level === 'fatal' || parsed.level === 'error')) lastError = parsed.msg;
        else if (!parsed && line.trim()) lastError ||= line.trim();
        opts.onStderrLine?.(line);
      },
    });
    if (res.code !== 0 && !(opts.okCodes ?? []).includes(res.code))
      throw new LimactlError(args, res.code, lastError || res.stderr.toString('utf8').trim() || 'no output');
    return res;
  }

  async version(): Promise<string> {
    const res = await this.run(['--version'], { timeoutMs: 10000 });
    const v = parseLimaVersion(res.stdout.toString('utf8'));
    if (!v || compareVersions(v, MIN_LIMA_VERSION) < 0)
      throw new EngineStepError(
        'unavailable',
        `Berth's VM needs Lima ${MIN_LIMA_VERSION} or newer, but ${this.file} is ${v ? `version ${v}` : 'of an unknown version'}.`,
        'Update Lima with `brew upgrade lima`, or reinstall Berth to get its bundled copy.',
      );
    return v;
  }

  async list(): Promise<LimaInstance[]> {
    return parseLimaList((await this.run(['list', '--json'], { timeoutMs: 30000 })).stdout.toString('utf8'));
  }

  async disks(): Promise<LimaDisk[]> {
    return parseLimaDisks((await this.run(['disk', 'list', '--json'], { timeoutMs: 30000 })).stdout.toString('utf8'));
  }
}
