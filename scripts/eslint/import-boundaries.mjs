// Which folder may import which: relative imports are resolved against the importing file, so
// `../../server/x` and `../server/x` are judged alike. Options (one object):
//   forbid:   [{ from: 'src/app', to: 'src/server', message }]  files under `from` never import under `to`
//   siblings: ['src/server/destinations']                          a folder directly under it never imports another such folder
import fs from 'node:fs';
import path from 'node:path';

const inside = (file, dir) => file === dir || file.startsWith(`${dir}/`);

/** The folder directly under `root` that `file` lies in, or null (a file at root's top level). */
function folderUnder(root, file, absolute) {
  if (!inside(file, root)) return null;
  const first = file.slice(root.length + 1).split('/')[0];
  const candidate = path.join(absolute, root, first);
  return fs.existsSync(candidate) && fs.statSync(candidate).isDirectory() ? first : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keep imports within the folder boundaries of the project' },
    schema: [
      {
        type: 'object',
        properties: {
          forbid: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, message: { type: 'string' } },
              required: ['from', 'to'],
            },
          },
          siblings: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { forbid = [], siblings = [] } = context.options[0] ?? {};
    const root = context.cwd;
    const relative = (file) => path.relative(root, file).split(path.sep).join('/');
    const importer = relative(context.filename);

    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = relative(path.resolve(path.dirname(context.filename), specifier));
      for (const rule of forbid) {
        if (inside(importer, rule.from) && inside(target, rule.to)) {
          context.report({
            node,
            message: `${rule.from} must not import ${rule.to} ('${specifier}')${rule.message ? `: ${rule.message}` : ''}`,
          });
        }
      }
      for (const base of siblings) {
        const own = folderUnder(base, importer, root);
        const other = folderUnder(base, target, root);
        if (own !== null && other !== null && own !== other) {
          context.report({ node, message: `${base}/${own} must not import its sibling ${base}/${other} ('${specifier}')` });
        }
      }
    }

    const fromSource = (node) => {
      if (node.source) check(node, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        check(node, node.source.value);
      },
      'CallExpression[callee.name="require"]'(node) {
        check(node, node.arguments[0]?.value);
      },
      TSImportType(node) {
        check(node, node.argument?.literal?.value ?? node.argument?.value);
      },
    };
  },
};
