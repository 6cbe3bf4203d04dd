// Checks a daemon.json text before it can reach the engine: JSON syntax (line and column), an
// object at the top, no duplicate keys, only keys dockerd knows, none that Berth sets on the command
// line, and each value in the shape dockerd expects. Problems block saving; warnings do not.
import type { DaemonConfigProblem } from '../../../shared/contract/areas/engine-config';
import { berthKeyMessage, type BerthKey } from './berth-flags';
import { parseJsonWithPlaces, type Place } from './json-places';
import { daemonKeys, isPluginLogDriver, nearestKey, pathText } from './schema';

export interface DaemonTextCheck {
  problems: DaemonConfigProblem[];
  warnings: DaemonConfigProblem[];
  /** The settings, when the text is a JSON object (even with problems in its values). */
  parsed?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateDaemonText(text: string, berth: readonly BerthKey[]): DaemonTextCheck {
  const read = parseJsonWithPlaces(text);
  if (!read.ok) {
    const { line, column, message } = read.error;
    return {
      problems: [
        { line, column, message: `The settings are not valid JSON at line ${line}, column ${column}: ${message}` },
      ],
      warnings: [],
    };
  }
  const { value, places, duplicates } = read.json;
  if (!isObject(value))
    return {
      problems: [
        {
          line: 1,
          column: 1,
          message: 'The settings must be one JSON object, like {"registry-mirrors": ["https://mirror.gcr.io"]}.',
        },
      ],
      warnings: [],
    };

  // The nearest placed ancestor: "log-opts.max-size" is placed, "default-address-pools[0].size" too.
  const at = (key: string): Partial<Place> => {
    for (let k = key; ;) {
      const p = places.get(k);
      if (p) return p;
      const up = k.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
      if (up === k || !up) return {};
      k = up;
    }
  };
  const problems: DaemonConfigProblem[] = [];
  const warnings: DaemonConfigProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ key, ...at(key), message });

  for (const d of duplicates)
    problems.push({
      key: d.key,
      ...d.place,
      message: `"${d.key}" is given twice: dockerd would silently use the last one. Keep one.`,
    });

  for (const [key, v] of Object.entries(value)) {
    const own = berth.find((b) => b.key === key);
    if (own) {
      problem(key, berthKeyMessage(own));
      continue;
    }
    const schema = daemonKeys[key];
    if (!schema) {
      const near = nearestKey(key);
      problem(
        key,
        `"${key}" is not a setting dockerd 20.10 knows, and dockerd refuses to start with one it does not know.${near ? ` Did you mean "${near}"?` : ' Settings are lower-case words with dashes, like "log-driver".'}`,
      );
      continue;
    }
    const r = schema.safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const path = pathText(key, issue.path);
        const message =
          issue.code === 'unrecognized_keys'
            ? `has ${issue.keys.map((k) => `"${k}"`).join(', ')}, which it does not take`
            : issue.message;
        problem(path, `"${path}" ${message}.`);
      }
    }
  }

  const runtime = value['default-runtime'];
  if (typeof runtime === 'string' && runtime !== 'runc' && !(isObject(value.runtimes) && runtime in value.runtimes))
    problem(
      'default-runtime',
      `"default-runtime" is "${runtime}", which is neither runc nor one of "runtimes": add it to "runtimes" with its path, or use "runc" (dockerd refuses to start otherwise).`,
    );

  if (isPluginLogDriver(value['log-driver']))
    warnings.push({
      key: 'log-driver',
      ...at('log-driver'),
      message: `"log-driver" is the plugin "${value['log-driver']}": install it first (docker plugin install), or every container started after the restart fails to start.`,
    });
  if (value['log-opts'] !== undefined && value['log-driver'] === undefined)
    warnings.push({
      key: 'log-opts',
      ...at('log-opts'),
      message: '"log-opts" apply to the default log driver, json-file, since "log-driver" is not set.',
    });
  return { problems, warnings, parsed: value };
}
