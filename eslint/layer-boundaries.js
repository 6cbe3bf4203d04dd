// ESLint rule `berth/layer-boundaries`: enforces the import table of ARCHITECTURE.md.
// Relative imports are resolved against the importing file, so '../../main/x' is caught from any depth.
import path from 'node:path';
import { layerOf, violation } from './layers.js';

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer to the imports ARCHITECTURE.md allows.' },
    schema: [],
    messages: { boundary: '{{sentence}}' },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const resolved = spec.startsWith('.')
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
        : undefined;
      const sentence = violation(layer, spec, resolved);
      if (sentence) context.report({ node: source, messageId: 'boundary', data: { sentence } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, n.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'berth' }, rules: { 'layer-boundaries': rule } };
