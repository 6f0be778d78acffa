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
import { Query, type Language } from 'web-tree-sitter';
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

const BINDING_QUERY = `
[(function_definition) (lambda) (class_definition)] @definition
(function_definition body: (_) @body)
(lambda body: (_) @body)
(class_definition body: (_) @body)
[(list_comprehension) (set_comprehension) (dictionary_comprehension) (generator_expression)] @comprehension
[(call) (import_statement) (import_from_statement) (assignment) (augmented_assignment) (for_statement)
 (for_in_clause) (as_pattern_target) (named_expression) (global_statement) (nonlocal_statement)] @binding
`;

const queries = new WeakMap<Language, Query>();

function bindingQuery(root: Node): Query {
  const language = root.tree.language;
  let query = queries.get(language);
  if (!query) {
    query = new Query(language, BINDING_QUERY);
    queries.set(language, query);
  }
  return query;
}

function rank(capture: string): number {
  return ['definition', 'body', 'comprehension', 'binding'].indexOf(capture);
}

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

  /**
   * One tree-sitter query collects, in document order, every node that binds a name,
   * calls something, or opens a scope; the enclosing scope of each is the innermost
   * open scope range. Only these nodes become JavaScript objects (materialising every
   * node costs more than parsing), and deep nesting needs no recursion.
   */
  private walk(root: Node): void {
    const captures = bindingQuery(root).captures(root);
    // Outer before inner; for one node, the scope it opens before the node itself,
    // so `lambda: redirect(x)` puts the call inside the lambda.
    captures.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex || rank(a.name) - rank(b.name));
    const open: Array<{ scope: Scope; end: number }> = [];
    const innerOf = new Map<number, Scope>();
    for (const { name, node } of captures) {
      while (open.length > 0 && open[open.length - 1]!.end <= node.startIndex) open.pop();
      const scope = open[open.length - 1]?.scope ?? this.module;
      switch (name) {
        case 'definition': {
          if (node.type !== 'lambda') this.bindTargets(scope, node.childForFieldName('name'));
          const inner = newScope(node.type === 'class_definition' ? 'class' : 'function', scope);
          const parameters = node.childForFieldName('parameters');
          if (parameters) this.bindParameters(parameters, inner);
          innerOf.set(node.id, inner);
          break;
        }
        case 'body': {
          // Defaults, annotations and base classes run outside; only the body runs inside.
          const inner = node.parent ? innerOf.get(node.parent.id) : undefined;
          if (inner) open.push({ scope: inner, end: node.endIndex });
          break;
        }
        case 'comprehension':
          open.push({ scope: newScope('comprehension', scope), end: node.endIndex });
          break;
        default:
          this.visit(node, scope);
      }
    }
  }

  /** Records what a binding or call node binds or calls. */
  private visit(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'call':
        this.calls.push({ call: node, scope });
        return;
      case 'import_statement':
        this.bindImport(node, scope);
        return;
      case 'import_from_statement':
        this.bindImportFrom(node, scope);
        return;
      case 'assignment': {
        const left = node.childForFieldName('left');
        let right = node.childForFieldName('right');
        while (right?.type === 'assignment') right = right.childForFieldName('right');
        if (left?.type === 'identifier' && right && right.type !== 'expression_list') {
          this.bindTargets(scope, left, { kind: 'value', expression: right, scope });
        } else {
          this.bindTargets(scope, left);
        }
        return;
      }
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        this.bindTargets(scope, node.childForFieldName('left'));
        return;
      case 'as_pattern_target':
        this.bindTargets(scope, node);
        return;
      case 'named_expression': {
        let target: Scope = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        this.bindTargets(target, node.childForFieldName('name'));
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement': {
        const names = node.type === 'global_statement' ? scope.globals : scope.nonlocals;
        for (const name of node.namedChildren) if (name?.type === 'identifier') names.add(name.text);
        return;
      }
    }
  }

  /** Binds parameter names in the function's scope (their defaults and annotations are walked outside it). */
  private bindParameters(parameters: Node, inner: Scope): void {
    for (const parameter of parameters.namedChildren) {
      if (!parameter) continue;
      switch (parameter.type) {
        case 'identifier':
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
        case 'tuple_pattern':
          this.bindTargets(inner, parameter);
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
          this.bindTargets(inner, parameter.childForFieldName('name'));
          break;
        case 'typed_parameter': {
          const type = parameter.childForFieldName('type');
          for (const child of parameter.namedChildren) {
            if (child && child.type !== 'type' && child.id !== type?.id) this.bindTargets(inner, child);
          }
          break;
        }
        default:
          break;
      }
    }
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
