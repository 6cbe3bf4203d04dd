// The engine page: disk usage and a prune per kind, diagnostics, the engine's own log, and the
// detected engines with a switch. Without a selection (`berth serve --engine-socket`) the engine is
// fixed, and switching says so.
import { diagnosticRows, managedEngine } from '../../../engine/host';
import { diagnosticContext } from '../diagnostic-context';
import { BerthError } from '../../../shared/errors';
import type { RequestHandlers } from '../types';

type SystemHandlers = Pick<
  RequestHandlers,
  'engine.diskUsage' | 'engine.prune' | 'engine.diagnostics' | 'engine.logTail' | 'engine.engines' | 'engine.switch'
>;

const fixedEngine = () =>
  new BerthError({
    kind: 'invalid',
    message:
      'This Berth was started with a fixed engine (berth serve --engine-socket), so the engine cannot be switched here. Restart Berth without --engine-socket to choose one.',
  });

export const systemHandlers: SystemHandlers = {
  'engine.diskUsage': async (_a, { engine }) => (await engine.api()).diskUsage(),
  'engine.prune': async ({ kind }, { engine }) => (await engine.api()).prune(kind),
  'engine.diagnostics': async (_a, { engine, selection }) => diagnosticRows(diagnosticContext(engine, selection)),
  'engine.logTail': async ({ lines }, { selection }) => {
    const host = selection?.active;
    if (!host)
      return {
        lines: [],
        note: selection
          ? 'No engine is active.'
          : 'Berth connects to an engine it did not start, so it has no engine log to show.',
      };
    if (host.kind === 'external')
      return {
        lines: [],
        note: `${host.label} is not started by Berth, so its log is wherever that engine writes it.`,
      };
    return { lines: host.logTail(lines) };
  },
  'engine.engines': async (_a, { selection }) => {
    if (!selection) return { fixed: true, managedAvailable: false, managedKind: 'native', candidates: [] };
    const candidates = await selection.detect();
    const active = selection.saved().active;
    return {
      fixed: false,
      ...(active ? { active } : {}),
      ...managedEngine(),
      candidates: candidates.map((c) => ({
        label: c.label,
        url: c.url,
        source: c.source,
        reachable: c.reachable,
        reason: c.reason,
        ...(c.apiVersion ? { apiVersion: c.apiVersion } : {}),
      })),
    };
  },
  'engine.switch': async ({ choice }, { engine, selection }) => {
    if (!selection) throw fixedEngine();
    const result = await selection.activate(
      choice.kind === 'external'
        ? { kind: 'external', url: choice.url, ...(choice.label ? { label: choice.label } : {}) }
        : choice,
    );
    if ('kind' in result && result.kind === 'none')
      throw new BerthError({ kind: 'unavailable', message: result.message });
    return engine.status();
  },
};
