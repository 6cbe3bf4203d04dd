// Reads the compose CLI's `config` output (docker-compose 1.29's Python wording and compose v2's Go
// wording) into problems placed in the files: YAML errors carry their own line and column; schema
// errors name a dotted path ("services.web.ports"), which is found in the text; unset variables are
// placed at their first use.
import type { ComposeProblem } from '../../shared/contract/areas/compose-files';
import { unsetVariables } from './cli-errors';
import { locatePath, locateVariable, type Place } from './yaml-locate';

/** The files as checked: path → the text the CLI read (the edited text for an edited file). */
export type CheckedTexts = ReadonlyMap<string, string>;

function placed(file: string | undefined, where: Place | undefined, message: string): ComposeProblem {
  return { ...(file ? { file } : {}), ...(where ?? {}), message };
}

/** v1's PyYAML block: "yaml.scanner.ScannerError: …", then (problem, `in "file", line N, column M`) pairs. */
function pyYamlProblem(lines: readonly string[]): ComposeProblem | undefined {
  const start = lines.findIndex((l) =>
    /^yaml\.\w+\.\w+Error\b|^\w+(?:Scanner|Parser|Composer|Constructor)Error:/.test(l),
  );
  if (start < 0) return undefined;
  const head = lines[start]!.replace(/^[\w.]+Error:\s*/, '').trim();
  let where: { file: string; line: number; column: number } | undefined;
  let problem = '';
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^\s*in "([^"]+)", line (\d+), column (\d+)/.exec(lines[i]!);
    if (!m) continue;
    where = { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
    const before = i - 1 === start ? head : lines[i - 1]!.trim();
    if (!/^\s*in "/.test(before)) problem = before;
  }
  const context = head && head !== problem ? ` (${head})` : '';
  const message = `${problem || head || 'the YAML does not parse'}${context}`;
  return where ? { ...where, message: `Not valid YAML: ${message}.` } : { message: `Not valid YAML: ${message}.` };
}

/** v2's Go YAML: "yaml: line 4: did not find expected key", perhaps after "parsing /f.yml: ". */
function goYamlProblem(lines: readonly string[]): ComposeProblem | undefined {
  for (const l of lines) {
    const m = /(?:(\/[^\s:]+):\s*)?yaml: line (\d+)(?:, column (\d+))?: (.+)$/.exec(l);
    if (m)
      return {
        ...(m[1] ? { file: m[1] } : {}),
        line: Number(m[2]),
        ...(m[3] ? { column: Number(m[3]) } : {}),
        message: `Not valid YAML: ${m[4]!.replace(/\.$/, '')}.`,
      };
  }
  return undefined;
}

interface PathHint {
  path: string[];
  at: 'key' | 'value';
}

/** The dotted path a schema message is about, and whether it names a key (unknown option) or a value. */
export function pathOf(reason: string): PathHint | undefined {
  let m = /Unsupported config option for ([\w.-]+): '([^']+)'/.exec(reason);
  if (m) return { path: [...m[1]!.split('.'), m[2]!], at: 'key' };
  m = /([\w.-]+) [Aa]dditional propert(?:y|ies) '?([^' ]+?)'? (?:is |are )?not allowed/.exec(reason);
  if (m) return { path: [...m[1]!.split('.'), m[2]!], at: 'key' };
  m =
    /^'([^']+)' does not match any of the regexes/.exec(reason) ?? /Invalid top-level property "([^"]+)"/.exec(reason);
  if (m) return { path: [m[1]!], at: 'key' };
  m = /Service '([^']+)' depends on service '[^']+' which is undefined/.exec(reason);
  if (m) return { path: ['services', m[1]!, 'depends_on'], at: 'value' };
  m = /^(?:validating \S+: )?((?:services|networks|volumes|secrets|configs)(?:\.[\w.-]+)?)\b/.exec(reason);
  if (m) return { path: m[1]!.split('.'), at: 'value' };
  return undefined;
}

/** Places a message about `hint` in the named file, else in the first file where the path exists. */
function placeReason(reason: string, file: string | undefined, texts: CheckedTexts): ComposeProblem {
  const hint = pathOf(reason);
  const message = reason.replace(/^validating \S+: /, '').replace(/\.?$/, '.');
  if (!hint) return placed(file, undefined, message);
  const candidates = file ? [file] : [...texts.keys()];
  for (const f of candidates) {
    const text = texts.get(f);
    const where = text === undefined ? undefined : locatePath(text, hint.path, hint.at);
    if (where) return placed(f, where, message);
  }
  return placed(file, undefined, message);
}

function schemaProblems(lines: readonly string[], texts: CheckedTexts): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  const invalid = lines.findIndex((l) => /The Compose file (?:'[^']+' )?is invalid because:/.test(l));
  if (invalid >= 0) {
    const file = /The Compose file '([^']+)'/.exec(lines[invalid]!)?.[1];
    for (const reason of lines.slice(invalid + 1)) {
      if (/^You might be seeing this error|^For more on the Compose file/.test(reason)) break;
      if (reason.trim() && !/^(ERROR|WARNING):?\s*$/.test(reason))
        problems.push(placeReason(reason.trim(), file, texts));
    }
    return problems;
  }
  for (const l of lines) {
    const v2 = /^(?:validating (\/\S+?): )(.+)$/.exec(l);
    if (v2) problems.push(placeReason(v2[2]!, v2[1], texts));
    else if (/depends on service '[^']+' which is undefined|Unsupported config option for/.test(l))
      problems.push(placeReason(l.replace(/^ERROR:\s*/, '').trim(), undefined, texts));
  }
  return problems;
}

/** Every unset-variable warning, placed at the variable's first use. */
export function variableWarnings(lines: readonly string[], texts: CheckedTexts): ComposeProblem[] {
  return unsetVariables(lines).map((name) => {
    const message = `The variable ${name} is not set, so compose uses a blank string. Set it in the environment or in a .env file beside the compose file, or give a default: \${${name}:-value}.`;
    for (const [file, text] of texts) {
      const where = locateVariable(text, name);
      if (where) return placed(file, where, message);
    }
    return placed(undefined, undefined, message);
  });
}

/**
 * The problems in a failed `config` run's output, each placed where the output allows. Empty when
 * the output has none Berth recognises (the caller then explains the failure as a whole).
 */
export function configProblems(lines: readonly string[], texts: CheckedTexts): ComposeProblem[] {
  const yaml = pyYamlProblem(lines) ?? goYamlProblem(lines);
  if (yaml) return [yaml];
  return schemaProblems(lines, texts);
}
