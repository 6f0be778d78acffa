/**
 * Dispatch tables: handlers that pick a function by a key and call it with their own objects,
 *
 *   const checkDataActions = { update: updateDraft, cancel: redirectToCancel, removeElement }
 *   const postCheckData = (request, h) => checkDataActions[action](request, h)
 *
 * A table proves what its functions receive only when nothing else can reach them: the table is
 * a variable holding an object literal, every use of it is a call of one of its entries (or a
 * read that lets no function out: `key in table`, `Object.keys(table)`, `!table[key]`), and a
 * function listed by name is used nowhere but in tables and direct calls. Then every call of
 * the function is one the caller can see, and src/js/handlers.ts checks what each passes.
 */
import type * as t from '@babel/types';
import { isFunctionNode, memberName, type FunctionNode, type JsScopes } from './scopes.js';

export interface DispatchTable {
  name: string;
  /** Every call of the table's entries: `table[key](...)`, `table.key(...)`. */
  calls: Array<t.CallExpression | t.OptionalCallExpression>;
}

/**
 * The tables a function is an entry of (by `name`, or defined in place as an entry's value),
 * each with the calls that reach its entries. [] when the function is in no table; null when a
 * function in a table is also used otherwise (an object that lets it out, an export, an argument).
 */
export function dispatchTablesOf(fn: FunctionNode, name: string | null, scopes: JsScopes): DispatchTable[] | null {
  const entries: t.ObjectExpression[] = [];
  let otherUse = false;
  // Defined in place: `{ update: async (request, h) => {...} }` / `{ async update(request, h) {...} }`.
  const holder = fn.type === 'ObjectMethod' ? fn : scopes.parentOf(fn);
  if (holder && (holder.type === 'ObjectMethod' || (holder.type === 'ObjectProperty' && holder.value === fn))) {
    const object = scopes.parentOf(holder);
    if (object?.type === 'ObjectExpression') entries.push(object);
  }
  if (name !== null) {
    for (const id of scopes.identifiersNamed(name)) {
      const parent = scopes.parentOf(id);
      if (!parent || !isReference(id, parent) || scopes.functionNamed(id, scopes.scopeOf(id)) !== fn) continue;
      if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === id) continue;
      const object = parent.type === 'ObjectProperty' && parent.value === id ? scopes.parentOf(parent) : undefined;
      if (object?.type === 'ObjectExpression') entries.push(object);
      else otherUse = true;
    }
  }
  const tables: DispatchTable[] = [];
  for (const object of entries) {
    const table = tableCalls(object, scopes);
    // An object that is no table (exported, passed on) is a use the calls cannot account for.
    if (table === null) otherUse = true;
    else tables.push(table);
  }
  if (tables.length === 0) return [];
  return otherUse ? null : tables;
}

/** The calls of a table's entries, or null when the object is not a table held by a variable, or is used otherwise. */
function tableCalls(object: t.ObjectExpression, scopes: JsScopes): DispatchTable | null {
  const declarator = scopes.parentOf(object);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== object || declarator.id.type !== 'Identifier') return null;
  const name = declarator.id.name;
  const binding = scopes.lookup(name, scopes.scopeOf(declarator));
  if (binding?.kind !== 'value' || binding.init !== object) return null;
  const calls: DispatchTable['calls'] = [];
  for (const id of scopes.identifiersNamed(name)) {
    if (id === declarator.id) continue;
    const parent = scopes.parentOf(id);
    if (!parent || !isReference(id, parent) || scopes.lookup(name, scopes.scopeOf(id)) !== binding) continue;
    if (harmlessRead(id, parent, scopes)) continue;
    const call = parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression' ? scopes.parentOf(parent) : undefined;
    if (parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') return null;
    if (parent.object !== id || !call || (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || call.callee !== parent) return null;
    calls.push(call);
  }
  return { name, calls };
}

/** `key in table`, `Object.keys(table)`, `Object.hasOwn(table, key)`, `table.hasOwnProperty(key)`, `!table[key]`, `typeof table[key]`: no function gets out. */
function harmlessRead(id: t.Identifier, parent: t.Node, scopes: JsScopes): boolean {
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === id) return true;
  if (parent.type === 'CallExpression' && parent.arguments[0] === id && parent.callee.type === 'MemberExpression') {
    const callee = parent.callee;
    return callee.object.type === 'Identifier' && callee.object.name === 'Object' && !scopes.lookup('Object', scopes.scopeOf(parent)) && ['keys', 'hasOwn'].includes(memberName(callee) ?? '');
  }
  if (parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') return false;
  if (parent.object !== id) return false;
  const outer = scopes.parentOf(parent);
  if (!parent.computed && memberName(parent) === 'hasOwnProperty') return outer?.type === 'CallExpression' && outer.callee === parent;
  if (outer?.type === 'UnaryExpression' && (outer.operator === '!' || outer.operator === 'typeof')) return true;
  return (outer?.type === 'IfStatement' || outer?.type === 'ConditionalExpression') && outer.test === parent;
}

/** Whether an identifier is a reference (not a declaration's name, a property key or a member's name). */
function isReference(id: t.Identifier, parent: t.Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === id && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod' || parent.type === 'ClassProperty') && parent.key === id && !parent.computed) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === id) return false;
  if (isFunctionNode(parent) && ((parent as t.FunctionDeclaration).id === id || parent.params.includes(id))) return false;
  return parent.type !== 'LabeledStatement' && parent.type !== 'BreakStatement' && parent.type !== 'ContinueStatement' && parent.type !== 'ImportSpecifier';
}
