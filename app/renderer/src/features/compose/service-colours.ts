// One colour per service, stable for a project (services in name order), shared by the log prefix
// (as an ANSI colour the log view already themes) and the service chips (as a CSS class).
import type { ComposeLogLine } from '../../../../shared/contract/areas/compose';
import type { LogLine } from '../../../../shared/contract';

/** ANSI foreground codes whose theme colours are distinct in both themes; red comes last (it reads as an error). */
const ANSI_CODES = [34, 32, 35, 36, 33, 94, 92, 95, 96, 93, 31, 91];

export function serviceColourIndex(services: readonly string[], service: string): number {
  const i = [...services].sort().indexOf(service);
  return (i < 0 ? services.length : i) % ANSI_CODES.length;
}

/** The CSS class of a service's colour (compose.css), matching its log prefix. */
export function serviceColourClass(services: readonly string[], service: string): string {
  return `svc-colour-${serviceColourIndex(services, service)}`;
}

/** The label a line is marked with: the service, plus the replica number when a service has several containers. */
export function lineLabel(
  line: Pick<ComposeLogLine, 'service' | 'container'>,
  replicated: ReadonlySet<string>,
): string {
  if (!replicated.has(line.service)) return line.service;
  // compose's "shop-web-2" / "shop_web_2", swarm's task "web.2"
  const n = /[-_.](\d+)$/.exec(line.container)?.[1];
  return n ? `${line.service}-${n}` : line.service;
}

export interface PrefixContext {
  services: readonly string[];
  replicated: ReadonlySet<string>;
  /** Width the labels are padded to, so messages line up. */
  width: number;
}

export function prefixContext(services: readonly { name: string; containers: readonly unknown[] }[]): PrefixContext {
  const names = services.map((s) => s.name);
  const replicated = new Set(services.filter((s) => s.containers.length > 1).map((s) => s.name));
  const width = Math.max(4, ...services.map((s) => s.name.length + (replicated.has(s.name) ? 3 : 0)));
  return { services: names, replicated, width: Math.min(width, 32) };
}

/** A project log line as a plain log line whose text starts with the coloured service marker ("web    | …"). */
export function toMarkedLine(line: ComposeLogLine, ctx: PrefixContext): LogLine {
  const code = ANSI_CODES[serviceColourIndex(ctx.services, line.service)];
  const label = lineLabel(line, ctx.replicated).padEnd(ctx.width);
  return {
    stream: line.stream,
    text: `\x1b[${code}m${label} |\x1b[0m ${line.text}`,
    ...(line.ts ? { ts: line.ts } : {}),
  };
}
