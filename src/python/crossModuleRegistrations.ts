/**
 * Flask views defined in one module and registered in another: `app.add_url_rule('/logout',
 * view_func=views.logout, methods=['POST'])` with `from . import views`, or `bp.route('/x',
 * methods=['DELETE'])(remove)` with `from .views import remove`. Given the module-level
 * functions whose methods are unknown, reads only the modules that mention one of their names.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../text/decode.js';
import { withPythonTree, type Node } from './parser.js';
import { routeOf, type MethodsFound } from './routeMethods.js';

export interface Imported {
  /** The module file the name comes from. */
  file: string;
  /** The function imported from it, or null when the name is the module itself. */
  member: string | null;
}

export async function pythonRegistrationsElsewhere(
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
  candidates: readonly string[],
): Promise<Map<string, Map<string, MethodsFound>>> {
  const found = new Map<string, Map<string, MethodsFound>>();
  const names = new Set([...wanted.values()].flatMap((set) => [...set]));
  if (names.size === 0) return found;
  const mentions = new RegExp(`\\b(${[...names].join('|')})\\b`);

  for (const file of candidates) {
    let text: string;
    try {
      const decoded = decodeUtf8(readFileSync(file));
      if (!decoded.ok || !mentions.test(decoded.text)) continue;
      text = decoded.text;
    } catch {
      continue;
    }
    await withPythonTree(text, (tree) => {
      if (tree.rootNode.hasError) return;
      const imports = importsOf(tree.rootNode, file);
      for (const call of tree.rootNode.descendantsOfType('call')) {
        if (!call) continue;
        const route = routeOf(call);
        if (!route) continue;
        const target = route.view && targetOf(route.view, imports);
        if (!target || !wanted.get(target.file)?.has(target.member)) continue;
        const perFile = found.get(target.file) ?? new Map<string, MethodsFound>();
        perFile.set(target.member, { methods: route.methods, why: `registered in ${path.basename(file)} with ${route.how}` });
        found.set(target.file, perFile);
      }
    });
  }
  return found;
}

/** `views.logout` with `from . import views`, or `logout` with `from .views import logout`. */
export function targetOf(view: Node, imports: Map<string, Imported[]>): { file: string; member: string } | null {
  if (view.type === 'identifier') {
    const entry = imports.get(view.text)?.find((i) => i.member !== null);
    return entry ? { file: entry.file, member: entry.member! } : null;
  }
  if (view.type === 'attribute') {
    const object = view.childForFieldName('object');
    const attribute = view.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || !attribute) return null;
    const module = imports.get(object.text)?.find((i) => i.member === null);
    return module ? { file: module.file, member: attribute } : null;
  }
  return null;
}

export function importsOf(root: Node, file: string): Map<string, Imported[]> {
  const imports = new Map<string, Imported[]>();
  const add = (local: string, entry: Imported) => imports.set(local, [...(imports.get(local) ?? []), entry]);
  for (const statement of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (!statement) continue;
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (name?.type !== 'aliased_import') continue;
        const module = resolveModule(file, name.childForFieldName('name')?.text ?? '');
        const alias = name.childForFieldName('alias')?.text;
        if (module && alias) add(alias, { file: module, member: null });
      }
      continue;
    }
    const moduleText = statement.childForFieldName('module_name')?.text ?? '';
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      const imported = (name.type === 'aliased_import' ? name.childForFieldName('name') : name)?.text ?? '';
      const local = (name.type === 'aliased_import' ? name.childForFieldName('alias') : name)?.text ?? '';
      const module = resolveModule(file, moduleText);
      if (module) add(local, { file: module, member: imported });
      const submodule = resolveModule(file, moduleText.endsWith('.') ? `${moduleText}${imported}` : `${moduleText}.${imported}`);
      if (submodule) add(local, { file: submodule, member: null });
    }
  }
  return imports;
}

/** The file of a module named from `file`: relative (`.views`, `..`) or absolute (`shop.views`). */
function resolveModule(file: string, module: string): string | null {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  const bases: string[] = [];
  if (dots > 0) {
    let base = path.dirname(file);
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    bases.push(base);
  } else {
    for (let dir = path.dirname(file), i = 0; i < 8 && dir !== path.dirname(dir); dir = path.dirname(dir), i++) bases.push(dir);
  }
  for (const base of bases) {
    const target = path.join(base, ...parts);
    for (const candidate of [`${target}.py`, path.join(target, '__init__.py')]) if (parts.length + dots > 0 && existsSync(candidate)) return candidate;
  }
  return null;
}
