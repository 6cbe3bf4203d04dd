// Turns the compose CLI's output into sentences: what failed, why (with the file and line where the
// CLI gives them), what to do. Knows the wording of compose v2 (Go) and v1 (Python, Debian's 1.29).
import { BerthError, type ErrorKind } from '../../shared/errors';
import type { OutputLine } from './cli-run';

export interface FailureContext {
  /** Completes "Could not …", e.g. `bring up project "web"`. */
  action: string;
  /** The compose files involved, to name one when the CLI does not. */
  files: readonly string[];
}

interface Where {
  file?: string;
  line?: number;
  column?: number;
}

function at(w: Where, fallbackFile: string | undefined): string {
  const file = w.file ?? fallbackFile;
  const place = w.line !== undefined ? ` at line ${w.line}${w.column !== undefined ? `, column ${w.column}` : ''}` : '';
  return file ? `The compose file ${file}${place}` : `The compose file${place}`;
}

function fail(kind: ErrorKind, message: string, lines: readonly string[]): BerthError {
  return new BerthError({ kind, message, detail: lines.slice(-30).join('\n') });
}

/** Variables the CLI warned are unset (compose then substitutes a blank string). */
export function unsetVariables(lines: readonly string[]): string[] {
  const names = new Set<string>();
  for (const l of lines) {
    const m = /The "?([A-Za-z_][A-Za-z0-9_]*)"? variable is not set\. Defaulting to a blank string/.exec(l);
    if (m) names.add(m[1]!);
  }
  return [...names];
}

function yamlError(lines: readonly string[], file: string | undefined): string | undefined {
  // v2: "parsing /p/compose.yml: yaml: line 4: did not find expected key" (prefix optional)
  for (const l of lines) {
    const m = /(?:(\/[^\s:]+):\s*)?yaml: line (\d+)(?:, column (\d+))?: (.+)$/.exec(l);
    if (m) {
      const where: Where = {
        line: Number(m[2]),
        ...(m[1] ? { file: m[1] } : {}),
        ...(m[3] ? { column: Number(m[3]) } : {}),
      };
      return `${at(where, file)} is not valid YAML: ${m[4]}. Fix the syntax or indentation there and try again.`;
    }
  }
  // v1: "yaml.scanner.ScannerError: …" then pairs of (problem, `in "file", line N, column M`)
  const start = lines.findIndex((l) => /yaml\.\w+\.\w+Error|ScannerError|ParserError|ComposerError/.test(l));
  if (start < 0) return undefined;
  let where: Where = {};
  let problem = '';
  for (let i = start; i < lines.length; i++) {
    const m = /in "([^"]+)", line (\d+), column (\d+)/.exec(lines[i]!);
    if (m) {
      where = { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
      const before = lines[i - 1]?.replace(/^yaml\.\w+\.\w+Error:\s*/, '').trim();
      if (before && !/in "[^"]+", line/.test(before)) problem = before;
    }
  }
  if (!problem) problem = lines[start]!.replace(/^.*?Error:\s*/, '').trim();
  return `${at(where, file)} is not valid YAML: ${problem}. Fix the syntax or indentation there and try again.`;
}

function configError(lines: readonly string[], file: string | undefined): string | undefined {
  for (const l of lines) {
    let m = /Unsupported config option for ([^:]+): '([^']+)'/.exec(l);
    if (m)
      return `${at({}, file)} has an option compose does not know: "${m[2]}" in ${m[1]}. Remove it or check its spelling, then try again.`;
    m =
      /(?:validating (\/[^\s:]+):\s*)?(\S+) [Aa]dditional propert(?:y|ies) '?([^' ]+?)'? (?:is |are )?not allowed/.exec(
        l,
      );
    if (m)
      return `${at(m[1] ? { file: m[1] } : {}, file)} has an option compose does not know: "${m[3]}" in ${m[2]}. Remove it or check its spelling, then try again.`;
    m =
      /Missing mandatory value for "([^"]+)" option interpolating \$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\} in service "([^"]+)"(?::\s*(.*))?/.exec(
        l,
      );
    if (m)
      return `${at({}, file)} needs the environment variable ${m[2]} (for "${m[1]}" of service "${m[3]}")${m[4] ? `: ${m[4]}` : ''}. Set it in the environment or in a .env file next to the compose file, then try again.`;
    m = /required variable ([A-Za-z_][A-Za-z0-9_]*) is missing a value(?::\s*(.*))?/.exec(l);
    if (m)
      return `${at({}, file)} needs the environment variable ${m[1]}${m[2] ? `: ${m[2]}` : ''}. Set it in the environment or in a .env file next to the compose file, then try again.`;
    m = /(?:No such file or directory: '([^']+)'|open (\/\S+): no such file or directory)/.exec(l);
    if (m) return `The compose file ${m[1] ?? m[2]} does not exist. Check the path, then try again.`;
  }
  const invalid = lines.findIndex((l) => /The Compose file (?:'([^']+)' )?is invalid because:/.test(l));
  if (invalid >= 0) {
    const named = /The Compose file '([^']+)'/.exec(lines[invalid]!)?.[1];
    const reasons = lines.slice(invalid + 1).filter((l) => l.trim() && !/^(ERROR|WARNING):?\s*$/.test(l));
    const why = reasons.join(' ').replace(/\.$/, '');
    return `${at(named ? { file: named } : {}, file)} is invalid: ${why || 'compose gave no reason'}. Fix it, then try again.`;
  }
  return undefined;
}

function runtimeError(ctx: FailureContext, lines: readonly string[]): { kind: ErrorKind; message: string } | undefined {
  const text = lines.join('\n');
  const could = `Could not ${ctx.action}`;
  if (
    /Couldn't connect to Docker daemon|Cannot connect to the Docker daemon|Error while fetching server API version/i.test(
      text,
    )
  )
    return {
      kind: 'unavailable',
      message: `${could}: the engine is not reachable. Check that it is running (Engine page), then try again.`,
    };
  if (/port is already allocated|address already in use/i.test(text))
    return {
      kind: 'conflict',
      message: `${could}: a published port is already in use on this machine. Change the port in the compose file or stop what uses it.`,
    };
  if (/is already in use by container/i.test(text))
    return {
      kind: 'conflict',
      message: `${could}: a container name is already in use. Remove the other container or change container_name in the compose file.`,
    };
  if (/pull access denied|unauthorized|authentication required|denied: requested access/i.test(text))
    return {
      kind: 'unauthorized',
      message: `${could}: the registry refused access to an image. Sign in to the registry, or check the image names.`,
    };
  if (/no such host|dial tcp|i\/o timeout|TLS handshake timeout|connection refused/i.test(text))
    return {
      kind: 'unavailable',
      message: `${could}: a registry could not be reached. Check the network connection (or use images that are already on the engine), then try again.`,
    };
  if (/manifest unknown|not found: manifest|repository does not exist|No such image/i.test(text))
    return {
      kind: 'not-found',
      message: `${could}: an image does not exist in its registry. Check the image names and tags in the compose file.`,
    };
  return undefined;
}

/** The most telling line of the output, for the fallback sentence. */
function lastError(lines: readonly string[]): string | undefined {
  const errs = lines.filter((l) => /^(ERROR|Error)[: ]|error/i.test(l) && !/^\s*$/.test(l));
  const pick = errs.pop() ?? lines.filter((l) => l.trim()).pop();
  return pick?.replace(/^(ERROR|Error):\s*/, '').trim();
}

/** A sentence for a compose CLI run that exited non-zero. */
export function explainComposeFailure(
  ctx: FailureContext,
  output: readonly OutputLine[],
  code: number | null,
): BerthError {
  const lines = output.map((l) => l.text);
  const file = ctx.files.length === 1 ? ctx.files[0] : undefined;
  const config = yamlError(lines, file) ?? configError(lines, file);
  if (config)
    return fail('invalid', `Could not ${ctx.action}: ${config.charAt(0).toLowerCase()}${config.slice(1)}`, lines);
  const runtime = runtimeError(ctx, lines);
  if (runtime) return fail(runtime.kind, runtime.message, lines);
  const last = lastError(lines);
  return fail(
    'internal',
    `Could not ${ctx.action}: compose stopped with exit code ${code ?? 'none (killed)'}${last ? ` (${last.replace(/\.$/, '')})` : ''}. See the task's output for details.`,
    lines,
  );
}

/** Refuses a config that leaves variables unset (compose would silently use blank strings). */
export function unsetVariablesError(ctx: FailureContext, names: readonly string[]): BerthError {
  const file = ctx.files.length === 1 ? ctx.files[0] : undefined;
  const vars = names.join(', ');
  return new BerthError({
    kind: 'invalid',
    message: `Could not ${ctx.action}: ${at({}, file).replace(/^The/, 'the')} uses the environment variable${names.length > 1 ? 's' : ''} ${vars}, which ${names.length > 1 ? 'are' : 'is'} not set. Set ${names.length > 1 ? 'them' : 'it'} in the environment or in a .env file next to the compose file (or give a default, e.g. \${${names[0]}:-value}), then try again.`,
  });
}
