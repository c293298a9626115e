// FDK's own lint rules (the non-ESLint names in FDK 10.1.2's rule list, see README "Platform rules").
// Ported from FDK 6.9's lib/validations/custom-lint-rules/ where that source exists; the rules new in
// FDK 10 (no-unpkg-cdn, no-proxy-requests, no-deprecated-apis) have no public source and are read
// strictly from their names.
import fs from 'node:fs';
import path from 'node:path';

const PROMISE_METHODS = ['then', 'catch', 'done', 'fail'];
const PROMISE_REJECTORS = ['catch', 'fail'];
const NON_CLIENT_REQUEST_CALLEES = ['fetch', 'axios', 'XMLHttpRequest'];
const NON_CLIENT_REQUEST_OBJECTS = [...NON_CLIENT_REQUEST_CALLEES, 'jQuery', '$'];
const NON_CLIENT_REQUEST_MEMBERS = ['get', 'put', 'post', 'patch', 'delete', 'ajax'];
const HTTP_VERBS = ['get', 'put', 'post', 'patch', 'delete'];

const propertyName = (member) => (member.property.type === 'Identifier' ? member.property.name : member.property.value);
const isMemberCall = (node) => node?.type === 'CallExpression' && node.callee.type === 'MemberExpression';
const isThenWithRejection = (call) => propertyName(call.callee) === 'then' && call.arguments.length === 2;
const isCatch = (call) => PROMISE_REJECTORS.includes(propertyName(call.callee)) && call.arguments.length === 1;

/** `object.property` as a dotted name when both sides are plain identifiers. */
function dottedName(member) {
  if (member.type === 'Identifier') return member.name;
  if (member.type !== 'MemberExpression' || member.computed) return null;
  const object = dottedName(member.object);
  return object === null ? null : `${object}.${member.property.name}`;
}

/** `client.request.*(...)`: FDK counts these as promises that must be handled. */
const isClientRequestCall = (call) => dottedName(call.callee.object) === 'client.request';

const noUnhandledPromise = {
  meta: { type: 'problem', docs: { description: 'disallow unhandled promise' }, schema: [] },
  create(context) {
    return {
      ExpressionStatement(node) {
        const call = node.expression;
        if (!isMemberCall(call)) return;
        if (!PROMISE_METHODS.includes(propertyName(call.callee)) && !isClientRequestCall(call)) return;
        if (isThenWithRejection(call) || isCatch(call)) return;
        context.report({ node, message: 'Expected rejection to be handled.' });
      },
    };
  },
};

/** `function (e) { console.x(e); }` or `(e) => console.x(e)`: a handler that only logs. */
function onlyLogs(fn) {
  if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') return false;
  if (fn.body.type === 'CallExpression') return isMemberCall(fn.body);
  const body = fn.body.body;
  return body?.length === 1 && isMemberCall(body[0].expression) && body[0].expression.callee.object.name === 'console';
}

const noLoggingRejections = {
  meta: { type: 'problem', docs: { description: 'disallow simply logging promise rejections' }, schema: [] },
  create(context) {
    return {
      ExpressionStatement(node) {
        const call = node.expression;
        if (!isMemberCall(call) || !PROMISE_METHODS.includes(propertyName(call.callee))) return;
        const handler = isThenWithRejection(call) ? call.arguments[1] : isCatch(call) ? call.arguments[0] : null;
        if (onlyLogs(handler)) context.report({ node: handler, message: 'refrain from simply logging errors.' });
      },
    };
  },
};

const noNonClientRequestModel = {
  meta: { type: 'problem', docs: { description: 'disallow REST calls other than through client.request' }, schema: [] },
  create(context) {
    const report = (node) => context.report({ node, message: 'Use client.request when making API requests' });
    const calleeIsNonClient = (node) => node.callee.type === 'Identifier' && NON_CLIENT_REQUEST_CALLEES.includes(node.callee.name);
    return {
      NewExpression(node) {
        if (calleeIsNonClient(node)) report(node);
      },
      CallExpression(node) {
        if (calleeIsNonClient(node)) report(node);
      },
      MemberExpression(node) {
        if (
          node.object.type === 'Identifier' &&
          NON_CLIENT_REQUEST_OBJECTS.includes(node.object.name) &&
          NON_CLIENT_REQUEST_MEMBERS.includes(propertyName(node))
        )
          report(node);
      },
    };
  },
};

/** FDK 6.9: an assignment to a name not declared (or a parameter) in the same function is a race. */
const noCrossScopeAssign = {
  meta: { type: 'problem', docs: { description: 'disallow assignment across scopes' }, schema: [] },
  create(context) {
    const scopes = [];
    const enter = (node) => {
      scopes.push(node.type === 'Program' ? [] : node.params.filter((p) => p.type === 'Identifier').map((p) => p.name));
    };
    const exit = () => scopes.pop();
    return {
      Program: enter,
      'Program:exit': exit,
      FunctionDeclaration: enter,
      'FunctionDeclaration:exit': exit,
      FunctionExpression: enter,
      'FunctionExpression:exit': exit,
      ArrowFunctionExpression: enter,
      'ArrowFunctionExpression:exit': exit,
      VariableDeclaration(node) {
        for (const declaration of node.declarations) if (declaration.id.type === 'Identifier') scopes.at(-1).push(declaration.id.name);
      },
      'AssignmentExpression[left.type="Identifier"]'(node) {
        if (scopes.at(-1).includes(node.left.name)) return;
        context.report({
          node,
          message: `'${node.left.name}' declared and assigned in different scopes. Possible asynchronous race condition.`,
        });
      },
    };
  },
};

/** `require('x')` of a package the manifest does not list, and listed dependencies never required. */
const noDependencyMismatch = {
  meta: { type: 'problem', docs: { description: 'disallow use of unlisted dependency' }, schema: [{ type: 'string' }] },
  create(context) {
    const manifestFile = context.options[0] ?? path.join(context.cwd, 'manifest.json');
    const listed = Object.keys(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).dependencies ?? {});
    const seen = new Set();
    return {
      'CallExpression[callee.type="Identifier"][callee.name="require"]'(node) {
        const dependency = node.arguments[0]?.value;
        if (typeof dependency !== 'string' || dependency.startsWith('.')) return;
        const packageName = dependency.startsWith('@') ? dependency.split('/').slice(0, 2).join('/') : dependency.split('/')[0];
        seen.add(packageName);
        if (!listed.includes(packageName)) context.report({ node, message: `'${dependency}' is not listed in manifest.` });
      },
      'Program:exit'(node) {
        const unused = listed.filter((name) => !seen.has(name));
        if (unused.length > 0) context.report({ node, message: `The following dependencies are not used: ${unused}` });
      },
    };
  },
};

const noUnpkgCdn = {
  meta: { type: 'problem', docs: { description: 'disallow unpkg.com (FDK 10; strict reading of the name)' }, schema: [] },
  create(context) {
    const check = (node, text) => {
      if (/unpkg\.com/i.test(text)) context.report({ node, message: 'Do not load code from unpkg.com.' });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.raw);
      },
    };
  },
};

/** Calls `object.verb(...)` where object is `dotted` and verb an HTTP verb. */
function verbCallRule(dotted, message, description) {
  return {
    meta: { type: 'problem', docs: { description }, schema: [] },
    create(context) {
      return {
        CallExpression(node) {
          if (node.callee.type !== 'MemberExpression' || dottedName(node.callee.object) !== dotted) return;
          if (HTTP_VERBS.includes(propertyName(node.callee))) context.report({ node, message });
        },
      };
    },
  };
}

export default {
  meta: { name: 'fdk' },
  rules: {
    'no-unhandled-promise': noUnhandledPromise,
    'no-logging-rejections': noLoggingRejections,
    'no-non-client-request-model': noNonClientRequestModel,
    'no-cross-scope-assign': noCrossScopeAssign,
    'no-dependency-mismatch': noDependencyMismatch,
    'no-unpkg-cdn': noUnpkgCdn,
    // Platform 3.0 sends requests only through request templates (invokeTemplate).
    'no-proxy-requests': verbCallRule(
      'client.request',
      'Use client.request.invokeTemplate with a request template.',
      'disallow the front-end request proxy (client.request.get/post/...)',
    ),
    'no-deprecated-apis': verbCallRule(
      '$request',
      'Use $request.invokeTemplate with a request template.',
      'disallow the deprecated $request.get/post/... methods',
    ),
  },
};
