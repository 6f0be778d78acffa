/**
 * Everything the engine needs for JavaScript / TypeScript, behind one module that the engine
 * imports only when a JS file is to be parsed: a Python-only run never loads Babel.
 */
import { aliasScanner, callersElsewhere, type JsCall } from './crossFileCallers.js';
import { registrationsElsewhere, type ParsedSummary } from './crossFileRegistrations.js';
import type { PackageInfo } from './packageInfo.js';
import type { MethodsFound } from './routeMethods.js';
import type { ModuleResolver } from './workspaceModules.js';

export { registrationsElsewhere, type ParsedSummary } from './crossFileRegistrations.js';
export { transformJs, withRegistrations, type JsTransformed } from './transformJs.js';
export { ModuleResolver } from './workspaceModules.js';

/**
 * What other files say of the exports whose registration or parameters stayed unknown: where
 * they are registered (methods), else what their callers pass them (src/js/crossFileCallers.ts).
 * A registration wins: an export registered as a handler somewhere is not proved by calls too.
 * The callers' calls come from the same parses as the registrations: none is parsed for them alone.
 */
export async function followedElsewhere(
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
  candidates: readonly string[],
  summaries: ReadonlyMap<string, ParsedSummary>,
  packageOf: (file: string) => PackageInfo,
  /** Workspace package names and tsconfig `paths` (src/js/workspaceModules.ts). */
  resolver?: ModuleResolver,
): Promise<Map<string, Map<string, MethodsFound>>> {
  const parsedHere = new Map<string, JsCall[]>();
  const unread = new Map<string, JsCall[]>();
  const aliasCallsIn = aliasScanner(wanted);
  const read = (file: string, text: string) => {
    const aliased = aliasCallsIn(text);
    if (aliased.length > 0) unread.set(file, aliased);
  };
  const found = await registrationsElsewhere(wanted, candidates, summaries, { packageOf, calls: parsedHere, read, ...(resolver ? { resolver } : {}) });
  // A file parsed here gives its calls; one only read gives what its text shows of an alias.
  const calls = new Map<string, readonly JsCall[]>([...unread, ...parsedHere]);
  for (const [file, summary] of summaries) if (summary.calls && summary.calls.length > 0) calls.set(file, summary.calls);
  for (const [file, callers] of callersElsewhere(wanted, calls, packageOf)) {
    const registered = found.get(file) ?? new Map<string, MethodsFound>();
    for (const [name, called] of callers) if (!registered.has(name)) registered.set(name, called);
    found.set(file, registered);
  }
  return found;
}
