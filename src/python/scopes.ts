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

/**
 * The names a resolution keeps apart: every rule's qualified name and each of its prefixes
 * (`quart`, `quart.Quart`, `quart.Quart()`, `quart.Quart().redirect`). A name outside this
 * set can never grow into a rule's name, so once extended it is "something else" (null):
 * that is what bounds resolution on chains such as `q = q.filter(...)`.
 */
export function qualifiedNamePrefixes(names: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const name of names) {
    for (const match of name.matchAll(/\.|\(\)/g)) if (match.index > 0) prefixes.add(name.slice(0, match.index));
    prefixes.add(name);
  }
  return prefixes;
}

/** An expression as a resolution sees it: a root name and what is applied to it (`.attr`, `()`). */
interface Chain {
  root: string;
  suffixes: string[];
}

/** One scope's bindings of one name, and what it may hold once solved. */
interface NameNode {
  bindings: Binding[];
  values: Set<string | null>;
  /** How many of `values` are names no rule starts with (kept for the review reason, up to a bound). */
  others: number;
  /** Bindings whose expression starts at this name: each value flows into theirs. */
  dependents: Array<{ suffixes: string[]; into: NameNode }>;
}

/** At most this many names that are not a rule's (nor a prefix of one) are kept per name; beyond, "something else". */
const OTHER_NAMES_KEPT = 16;

export class ModuleScopes {
  readonly module: Scope = newScope('module', null);
  readonly calls: ScopedCall[] = [];
  /** Units of resolution work done so far (bindings read, values propagated): linear in the module. */
  steps = 0;
  private readonly nodes = new Map<Binding[], NameNode>();
  private readonly prefixes: Set<string>;

  /** `names`: the qualified names the caller looks for; any other name is "something else" once extended. */
  constructor(root: Node, names: Iterable<string>) {
    this.prefixes = qualifiedNamePrefixes(names);
    this.walk(root);
  }

  /** The qualified names a call's function may resolve to. */
  resolveCallee(call: ScopedCall): Candidates {
    this.steps++;
    const fn = call.call.childForFieldName('function');
    const chain = fn ? chainOf(fn) : null;
    if (!chain) return [null];
    const values = this.valuesOf(chain.root, call.scope);
    const candidates = new Set<string | null>();
    for (const value of values) candidates.add(this.extend(value, chain.suffixes));
    return candidates.size === 0 ? [null] : [...candidates];
  }

  /**
   * What a name may hold where it is read: the union of its bindings' values, solved once per
   * binding list as a least fixed point (a binding that reads its own name, `q = q.filter(x)`,
   * adds what the other bindings give, extended; cycles end because names are bounded).
   */
  private valuesOf(name: string, from: Scope): Iterable<string | null> {
    const bindings = this.lookup(name, from);
    if (bindings === undefined) return this.unbound(name);
    const node = this.nodes.get(bindings);
    if (node) return node.values;
    return this.solve(bindings).values;
  }

  /** Unbound here: a builtin, or a name brought in by `from m import *`. */
  private unbound(name: string): Array<string | null> {
    const wildcards = this.module.wildcardModules;
    return wildcards.length === 0 ? [null] : [...new Set(wildcards.map((m) => `${m}.${name}`))];
  }

  /**
   * Discovers every binding list the given one depends on (without recursion), seeds the
   * values that need no other name, then propagates each new value once along each edge.
   * Lists solved before are final; their values are pushed through new edges at once.
   */
  private solve(start: Binding[]): NameNode {
    const queue: Array<{ node: NameNode; value: string | null }> = [];
    const add = (node: NameNode, value: string | null) => {
      this.steps++;
      if (node.values.has(value)) return;
      if (value !== null && !this.prefixes.has(value)) {
        if (node.others >= OTHER_NAMES_KEPT) return add(node, null);
        node.others++;
      }
      node.values.add(value);
      queue.push({ node, value });
    };
    const fresh: NameNode[] = [];
    const isFresh = new Set<NameNode>();
    const nodeFor = (bindings: Binding[]): NameNode => {
      let node = this.nodes.get(bindings);
      if (!node) {
        node = { bindings, values: new Set(), others: 0, dependents: [] };
        this.nodes.set(bindings, node);
        fresh.push(node);
        isFresh.add(node);
      }
      return node;
    };
    const first = nodeFor(start);
    // Every new node's bindings are read once. Values added here are queued and propagated
    // after discovery, when every edge exists; a node solved earlier gives its final values now
    // (it is never queued again, so it needs no edge).
    for (let i = 0; i < fresh.length; i++) {
      const node = fresh[i]!;
      for (const binding of node.bindings) {
        this.steps++;
        if (binding.kind === 'import') {
          add(node, binding.target);
          continue;
        }
        const chain = binding.kind === 'value' ? chainOf(binding.expression) : null;
        if (binding.kind !== 'value' || !chain) {
          add(node, null);
          continue;
        }
        const target = this.lookup(chain.root, binding.scope);
        if (target === undefined) {
          for (const value of this.unbound(chain.root)) add(node, this.extend(value, chain.suffixes));
          continue;
        }
        const source = nodeFor(target);
        if (isFresh.has(source)) source.dependents.push({ suffixes: chain.suffixes, into: node });
        else for (const value of source.values) add(node, this.extend(value, chain.suffixes));
      }
    }
    while (queue.length > 0) {
      const { node, value } = queue.pop()!;
      for (const edge of node.dependents) add(edge.into, this.extend(value, edge.suffixes));
    }
    return first;
  }

  /** `value` with `.attr` / `()` applied; a name that can no longer become a rule's name is "something else". */
  private extend(value: string | null, suffixes: readonly string[]): string | null {
    let name = value;
    for (const suffix of suffixes) {
      if (name === null || !this.prefixes.has(name)) return null;
      name += suffix;
    }
    return name;
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

/** `a.b(x).c` → root `a`, suffixes `.b`, `()`, `.c`; null when the chain does not start at a name. */
function chainOf(expression: Node): Chain | null {
  const suffixes: string[] = [];
  for (let node: Node | null | undefined = expression; node; ) {
    switch (node.type) {
      case 'identifier':
        return { root: node.text, suffixes: suffixes.reverse() };
      case 'attribute': {
        const attribute = node.childForFieldName('attribute');
        if (!attribute) return null;
        suffixes.push(`.${attribute.text}`);
        node = node.childForFieldName('object');
        break;
      }
      case 'call':
        suffixes.push('()');
        node = node.childForFieldName('function');
        break;
      case 'parenthesized_expression':
        node = node.namedChildren.find((child) => child && !child.isExtra);
        break;
      default:
        return null;
    }
  }
  return null;
}
