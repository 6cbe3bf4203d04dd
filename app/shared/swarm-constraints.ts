// Placement constraints as swarm reads them ("node.role==manager", "node.labels.zone!=east"): their
// grammar, sets of them that can never match any node, and whether one node matches. Shared by the
// contract (refused where received), the engine facade (checked against the swarm's nodes) and the form.

export interface Constraint {
  key: string;
  op: '==' | '!=';
  value: string;
}

/** The node facts a constraint can name, as swarm spells them. */
export interface NodeFacts {
  id: string;
  hostname: string;
  role: string;
  os: string;
  arch: string;
  labels: Record<string, string>;
  engineLabels: Record<string, string>;
}

const FIXED_KEYS = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch'];
const LINE = /^\s*([A-Za-z0-9_.-]+)\s*(==|!=)\s*(\S(?:.*\S)?)\s*$/;

export const CONSTRAINT_RULE =
  'A constraint is written key==value or key!=value, with key one of node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<name> or engine.labels.<name>.';

/** The constraint a line says, or a sentence about what is wrong with it. */
export function parseConstraint(line: string): Constraint | string {
  const m = LINE.exec(line);
  if (!m) return CONSTRAINT_RULE;
  const [, key = '', op, value = ''] = m;
  const labelKey = /^(node|engine)\.labels\.[^\s=!]+$/.test(key);
  if (!FIXED_KEYS.includes(key) && !labelKey) return `"${key}" is not something a node has. ${CONSTRAINT_RULE}`;
  if (key === 'node.role' && value !== 'manager' && value !== 'worker')
    return `A node's role is manager or worker, never "${value}".`;
  return { key, op: op as Constraint['op'], value };
}

/** Why these constraints together can never match any node, or undefined when some node could match. */
export function contradiction(constraints: readonly Constraint[]): string | undefined {
  const byKey = new Map<string, Constraint[]>();
  for (const c of constraints) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  for (const [key, list] of byKey) {
    const wanted = new Set(list.filter((c) => c.op === '==').map((c) => norm(c.value)));
    const refused = new Set(list.filter((c) => c.op === '!=').map((c) => norm(c.value)));
    if (wanted.size > 1)
      return `These constraints can never match: a node has one ${key}, not ${[...wanted].join(' and ')} at once.`;
    const [only] = wanted;
    if (only !== undefined && refused.has(only))
      return `These constraints can never match: ${key} must be ${only} and must not be ${only}.`;
    if (key === 'node.role' && refused.has('manager') && refused.has('worker'))
      return 'These constraints can never match: every node is a manager or a worker.';
  }
  return undefined;
}

/** Swarm compares a constraint's value with the node's without regard to case. */
const norm = (value: string): string => value.toLowerCase();

function factOf(node: NodeFacts, key: string): string | undefined {
  switch (key) {
    case 'node.id':
      return node.id;
    case 'node.hostname':
      return node.hostname;
    case 'node.role':
      return node.role;
    case 'node.platform.os':
      return node.os;
    case 'node.platform.arch':
      return node.arch;
  }
  if (key.startsWith('node.labels.')) return node.labels[key.slice('node.labels.'.length)];
  if (key.startsWith('engine.labels.')) return node.engineLabels[key.slice('engine.labels.'.length)];
  return undefined;
}

/** Whether `node` satisfies every constraint (a missing label matches only "!="). */
export function nodeMatches(node: NodeFacts, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => {
    const fact = factOf(node, c.key);
    const same = fact !== undefined && norm(fact) === norm(c.value);
    return c.op === '==' ? same : !same;
  });
}

export const formatConstraint = (c: Constraint): string => `${c.key}${c.op}${c.value}`;
