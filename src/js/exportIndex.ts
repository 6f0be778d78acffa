/**
 * What a module exports, read from its top-level statements, so that a handler defined in one
 * place and exported in another is known as exported (and by which name other files import it):
 *
 *   async function subscribe(req, res) {}       export default { subscribe }
 *                                               export default { subscribe: asyncHandler(subscribe) }
 *                                               module.exports = { subscribe } / exports.subscribe = subscribe
 *   const controller = { async login(req, res) {} }; module.exports = controller
 *   accountController.create = async function (req, res) {}; module.exports = accountController
 *   class Ctrl { index(req, res) {} }; export default new Ctrl()
 */
import type * as t from '@babel/types';
import { memberName, propertyKeyName } from './scopes.js';

export interface ExportIndex {
  /** A local function (or wrapped function) name → the name it is exported under. */
  functions: Map<string, string>;
  /** Local objects exported whole: their properties are exported under their own keys. */
  objects: Set<string>;
  /** Local classes exported whole, or as an instance: their methods are exported under their names. */
  classes: Set<string>;
}

const cache = new WeakMap<t.Program, ExportIndex>();

export function exportIndexOf(program: t.Program): ExportIndex {
  let index = cache.get(program);
  if (!index) cache.set(program, (index = build(program)));
  return index;
}

function build(program: t.Program): ExportIndex {
  const index: ExportIndex = { functions: new Map(), objects: new Set(), classes: new Set() };
  const addFunction = (local: string, exported: string) => {
    if (!index.functions.has(local)) index.functions.set(local, exported);
  };
  /** A value exported under `name`: a local name, a wrapped one, an object literal, an instance. */
  const exportValue = (value: t.Node | null | undefined, name: string) => {
    if (!value) return;
    if (value.type === 'Identifier') {
      addFunction(value.name, name);
      index.objects.add(value.name);
      index.classes.add(value.name);
    } else if ((value.type === 'CallExpression' || value.type === 'OptionalCallExpression') && value.arguments.length > 0) {
      // `asyncHandler(subscribe)`, `ctrl.index.bind(ctrl)`: the wrapped function is what is exported.
      const callee = value.callee;
      if (callee.type === 'MemberExpression' && memberName(callee) === 'bind') exportValue(callee.object, name);
      else for (const arg of value.arguments) if (arg.type === 'Identifier') addFunction(arg.name, name);
    } else if (value.type === 'NewExpression' && value.callee.type === 'Identifier') {
      index.classes.add(value.callee.name);
    } else if (value.type === 'ObjectExpression') {
      for (const property of value.properties) {
        if (property.type !== 'ObjectProperty' || property.computed) continue;
        const key = propertyKeyName(property);
        if (key !== null) exportValue(property.value, key);
      }
    }
  };

  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ExportSpecifier' || statement.source) continue;
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        exportValue(specifier.local, exported);
      }
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.init?.type === 'ObjectExpression') index.objects.add(declarator.id.name);
        }
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier' || declaration.type === 'ObjectExpression' || declaration.type === 'NewExpression' || declaration.type === 'CallExpression') {
        exportValue(declaration, 'default');
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') continue;
      const name = memberName(left);
      if (isModuleExports(left)) exportValue(right, 'default');
      else if (name !== null && (isExportsObject(left.object) || isModuleExports(left.object))) exportValue(right, name);
    }
  }
  return index;
}

function isModuleExports(node: t.Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberName(node) === 'exports';
}

function isExportsObject(node: t.Node): boolean {
  return node.type === 'Identifier' && node.name === 'exports';
}
