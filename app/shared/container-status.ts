// A container's status line, the way the docker CLI says it ("Up 3 minutes (healthy)", "Exited (137)
// 5 minutes ago"), from facts rather than from a string frozen at fetch time, so it can tick; and
// those facts read back out of the engine's own status line, where a list is all we have.
import type { ContainerState, ContainerSummary } from './contract/dto';

export type Health = 'starting' | 'healthy' | 'unhealthy';

/** docker's units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/**
 * The middle of the span of durations that humanDuration says this way, in ms (undefined when the
 * words are not one of its phrases). "3 minutes" is 180–240 s: 210 s. Seconds are exact to 1 s.
 */
export function parseHumanDuration(words: string): number | undefined {
  const w = words.trim();
  if (/^less than a second$/i.test(w)) return 0.5 * S;
  if (/^about a minute$/i.test(w)) return 90 * S;
  if (/^about an hour$/i.test(w)) return 75 * M;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/i.exec(w);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]!.toLowerCase()) {
    case 'second':
      return (n + 0.5) * S;
    case 'minute':
      return (n + 0.5) * M;
    case 'hour':
      return n * H;
    case 'day':
      return (n + 0.5) * D;
    case 'week':
      return (n + 0.5) * 7 * D;
    case 'month':
      return (n + 0.5) * 30 * D;
    default:
      return (n + 0.5) * 365 * D;
  }
}

export interface StatusFacts {
  health?: Health;
  exitCode?: number;
  /** Estimated from the status line, to its precision (ms since the epoch). */
  startedAt?: number;
  finishedAt?: number;
}

/** What the engine's status line says beyond the state word, as facts (times relative to `now`). */
export function parseStatus(status: string, now: number): StatusFacts {
  const out: StatusFacts = {};
  const up = /^Up (.+?)(?: \((Paused|healthy|unhealthy|health: starting)\))?$/.exec(status);
  if (up) {
    const d = parseHumanDuration(up[1]!);
    if (d !== undefined) out.startedAt = Math.round(now - d);
    const h = up[2];
    if (h === 'healthy' || h === 'unhealthy') out.health = h;
    else if (h === 'health: starting') out.health = 'starting';
    return out;
  }
  const ended = /^(?:Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(status);
  if (ended) {
    out.exitCode = Number(ended[1]);
    const d = parseHumanDuration(ended[2]!);
    if (d !== undefined) out.finishedAt = Math.round(now - d);
  }
  return out;
}

type StatusInput = Pick<ContainerSummary, 'state' | 'status'> &
  Partial<Pick<ContainerSummary, 'startedAt' | 'finishedAt' | 'exitCode' | 'health'>>;

/** The status line for `now`: ticks with the clock when the start or finish time is known. */
export function statusLine(c: StatusInput, now: number): string {
  const since = (t: number) => humanDuration(Math.max(0, now - t));
  const health = c.health === 'starting' ? 'health: starting' : c.health;
  switch (c.state as ContainerState) {
    case 'running':
      if (c.startedAt === undefined) return c.status;
      return `Up ${since(c.startedAt)}${health ? ` (${health})` : ''}`;
    case 'paused':
      return c.startedAt === undefined ? c.status : `Up ${since(c.startedAt)} (Paused)`;
    case 'restarting':
      return c.finishedAt === undefined || c.exitCode === undefined
        ? c.status
        : `Restarting (${c.exitCode}) ${since(c.finishedAt)} ago`;
    case 'exited':
      return c.finishedAt === undefined || c.exitCode === undefined
        ? c.status
        : `Exited (${c.exitCode}) ${since(c.finishedAt)} ago`;
    default:
      return c.status || c.state;
  }
}
