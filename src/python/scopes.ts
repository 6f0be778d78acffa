/**
 * Python name binding, enough to prove where a name comes from.
 *
 * One walk over the tree records, for every scope (module, class, function, lambda,
 * comprehension), the names bound in it and what each binding is: an import of a
 * dotted name, an assignment of an expression, or anything else (parameter, def,
 * loop target, ...). It also collects every call with the scope it sits in.
 * Resolution then follows Python's rules: local, enclosing functions (class scopes
 * skipped), module, `global` / `nonlocal` declarations, and `from m import *`.
 */
import type { Node } from './parser.js';

type ScopeKind = 'module' | 'class' | 'function' | 'comprehension';

type Binding =
  | { kind: 'import'; target: string }
  | { kind: 'value'; expression: Node; scope: Scope }
  | { kind: 'other' };

export interface Scope {
  kind: ScopeKind;
  parent: Scope | null;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
  /** Modules imported with `from m import *` (module scope only). */
  wildcardModules: string[];
}

export interface ScopedCall {
  call: Node;
  scope: Scope;
}

/** Every name a call's function could be: dotted qualified names, null for "something else". */
export type Candidates = (string | null)[];

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export class ModuleScopes {
  readonly module: Scope = newScope('module', null);
  readonly calls: ScopedCall[] = [];

  constructor(root: Node) {
    this.walk(root);
  }

  /** The qualified names a call's function may resolve to. */
  resolveCallee(call: ScopedCall): Candidates {
    const fn = call.call.childForFieldName('function');
    return fn ? this.resolveExpression(fn, call.scope, new Set()) : [null];
  }

  private resolveExpression(node: Node, scope: Scope, resolving: Set<Binding>): Candidates {
    switch (node.type) {
      case 'identifier':
        return this.resolveName(node.text, scope, resolving);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attribute = node.childForFieldName('attribute');
        if (!object || !attribute) return [null];
        return distinct(this.resolveExpression(object, scope, resolving).map((q) => (q === null ? null : `${q}.${attribute.text}`)));
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) return [null];
        return distinct(this.resolveExpression(fn, scope, resolving).map((q) => (q === null ? null : `${q}()`)));
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((child) => child && child.type !== 'comment');
        return inner ? this.resolveExpression(inner, scope, resolving) : [null];
      }
      default:
        return [null];
    }
  }

  private resolveName(name: string, from: Scope, resolving: Set<Binding>): Candidates {
    const bindings = this.lookup(name, from);
    if (bindings === undefined) {
      // Unbound here: a builtin, or a name brought in by `from m import *`.
      const wildcards = this.module.wildcardModules;
      return wildcards.length === 0 ? [null] : distinct(wildcards.map((m) => `${m}.${name}`));
    }
    const candidates: Candidates = [];
    for (const binding of bindings) {
      if (binding.kind === 'import') candidates.push(binding.target);
      else if (binding.kind === 'other' || resolving.has(binding)) candidates.push(null);
      else {
        resolving.add(binding);
        candidates.push(...this.resolveExpression(binding.expression, binding.scope, resolving));
        resolving.delete(binding);
      }
    }
    return distinct(candidates);
  }

  private lookup(name: string, from: Scope): Binding[] | undefined {
    for (let scope: Scope | null = from; scope; scope = scope.parent) {
      // A class body's names are not visible to the functions and comprehensions inside it.
      if (scope.kind === 'class' && scope !== from) continue;
      if (scope.globals.has(name)) return this.module.bindings.get(name);
      if (scope.nonlocals.has(name)) continue;
      const bindings = scope.bindings.get(name);
      if (bindings) return bindings;
    }
    return undefined;
  }

  private bind(scope: Scope, name: string, binding: Binding): void {
    let target = scope;
    if (scope.globals.has(name)) target = this.module;
    else if (scope.nonlocals.has(name)) target = enclosingFunction(scope) ?? this.module;
    const list = target.bindings.get(name);
    if (list) list.push(binding);
    else target.bindings.set(name, [binding]);
  }

  private bindTargets(scope: Scope, target: Node | null, binding: Binding = { kind: 'other' }): void {
    if (!target) return;
    if (target.type === 'identifier') {
      this.bind(scope, target.text, binding);
      return;
    }
    if (target.type === 'attribute' || target.type === 'subscript') return;
    for (const child of target.namedChildren) this.bindTargets(scope, child);
  }

  /** Iterative walk: deeply nested code must not overflow the stack. */
  private walk(root: Node): void {
    const stack: Array<[Node, Scope]> = [[root, this.module]];
    while (stack.length > 0) {
      const [node, scope] = stack.pop()!;
      const children = this.visit(node, scope);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /** Records what `node` binds and returns its children paired with the scope they run in. */
  private visit(node: Node, scope: Scope): Array<[Node, Scope]> {
    const inScope = (nodes: (Node | null)[], s: Scope): Array<[Node, Scope]> =>
      nodes.filter((n): n is Node => n !== null).map((n) => [n, s]);

    switch (node.type) {
      case 'call':
        this.calls.push({ call: node, scope });
        break;
      case 'function_definition':
      case 'lambda': {
        if (node.type === 'function_definition') this.bindTargets(scope, node.childForFieldName('name'));
        const inner = newScope('function', scope);
        const parameters = node.childForFieldName('parameters');
        const outer = parameters ? this.bindParameters(parameters, inner) : [];
        const returns = node.childForFieldName('return_type');
        return [...inScope(outer, scope), ...inScope([returns], scope), ...inScope([node.childForFieldName('body')], inner)];
      }
      case 'class_definition': {
        this.bindTargets(scope, node.childForFieldName('name'));
        const inner = newScope('class', scope);
        return [
          ...inScope([node.childForFieldName('superclasses')], scope),
          ...inScope([node.childForFieldName('body')], inner),
        ];
      }
      case 'import_statement':
        this.bindImport(node, scope);
        return [];
      case 'import_from_statement':
        this.bindImportFrom(node, scope);
        return [];
      case 'assignment': {
        const left = node.childForFieldName('left');
        let right = node.childForFieldName('right');
        while (right?.type === 'assignment') right = right.childForFieldName('right');
        if (left?.type === 'identifier' && right && right.type !== 'expression_list') {
          this.bindTargets(scope, left, { kind: 'value', expression: right, scope });
        } else {
          this.bindTargets(scope, left);
        }
        break;
      }
      case 'augmented_assignment':
      case 'for_statement':
        this.bindTargets(scope, node.childForFieldName('left'));
        break;
      case 'as_pattern_target':
        this.bindTargets(scope, node);
        break;
      case 'named_expression': {
        let target: Scope = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        this.bindTargets(target, node.childForFieldName('name'));
        break;
      }
      case 'global_statement':
        for (const name of node.namedChildren) if (name?.type === 'identifier') scope.globals.add(name.text);
        return [];
      case 'nonlocal_statement':
        for (const name of node.namedChildren) if (name?.type === 'identifier') scope.nonlocals.add(name.text);
        return [];
      default:
        if (COMPREHENSIONS.has(node.type)) {
          const inner = newScope('comprehension', scope);
          for (const clause of node.namedChildren) {
            if (clause?.type === 'for_in_clause') this.bindTargets(inner, clause.childForFieldName('left'));
          }
          return inScope(node.children, inner);
        }
    }
    return inScope(node.children, scope);
  }

  /** Binds parameter names in the function's scope; returns defaults and annotations, which run outside it. */
  private bindParameters(parameters: Node, inner: Scope): Node[] {
    const outer: Node[] = [];
    for (const parameter of parameters.namedChildren) {
      if (!parameter) continue;
      switch (parameter.type) {
        case 'identifier':
          this.bindTargets(inner, parameter);
          break;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
        case 'tuple_pattern':
          this.bindTargets(inner, parameter);
          break;
        case 'default_parameter':
        case 'typed_default_parameter': {
          this.bindTargets(inner, parameter.childForFieldName('name'));
          const value = parameter.childForFieldName('value');
          const type = parameter.childForFieldName('type');
          if (value) outer.push(value);
          if (type) outer.push(type);
          break;
        }
        case 'typed_parameter': {
          for (const child of parameter.namedChildren) {
            if (!child) continue;
            if (child === parameter.childForFieldName('type') || child.type === 'type') outer.push(child);
            else this.bindTargets(inner, child);
          }
          break;
        }
        default:
          break;
      }
    }
    return outer;
  }

  private bindImport(node: Node, scope: Scope): void {
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const dotted = name.childForFieldName('name');
        const alias = name.childForFieldName('alias');
        if (dotted && alias) this.bind(scope, alias.text, { kind: 'import', target: dottedText(dotted) });
      } else {
        // `import a.b.c` binds `a` to the top-level module.
        const first = dottedText(name).split('.')[0]!;
        this.bind(scope, first, { kind: 'import', target: first });
      }
    }
  }

  private bindImportFrom(node: Node, scope: Scope): void {
    const moduleNode = node.childForFieldName('module_name');
    // Relative imports name the project's own modules, never a framework.
    const module = moduleNode && moduleNode.type === 'dotted_name' ? dottedText(moduleNode) : null;
    if (node.namedChildren.some((child) => child?.type === 'wildcard_import')) {
      if (module) scope.wildcardModules.push(module);
      return;
    }
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
      if (!imported || !local) continue;
      const binding: Binding = module ? { kind: 'import', target: `${module}.${dottedText(imported)}` } : { kind: 'other' };
      this.bind(scope, local.text, binding);
    }
  }
}

function newScope(kind: ScopeKind, parent: Scope | null): Scope {
  return { kind, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set(), wildcardModules: [] };
}

function enclosingFunction(scope: Scope): Scope | null {
  for (let s = scope.parent; s; s = s.parent) if (s.kind === 'function') return s;
  return null;
}

function dottedText(node: Node): string {
  if (node.type === 'identifier') return node.text;
  return node.namedChildren
    .filter((child) => child?.type === 'identifier')
    .map((child) => child!.text)
    .join('.');
}

function distinct(candidates: Candidates): Candidates {
  return [...new Set(candidates)];
}
