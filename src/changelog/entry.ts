/**
 * The changelog entry: what changed, in words a reader of the changelog understands.
 * Every entry starts with the same words, which is how a second run recognises it.
 */
import { STATUS_FOR_MODE, type Framework, type Mode, type Site } from '../site.js';

export const ENTRY_MARKER = 'Explicit redirect status:';

export const FRAMEWORK_NAMES: Record<Framework, string> = {
  flask: 'Flask',
  werkzeug: 'Werkzeug',
  quart: 'Quart',
  express: 'Express',
  fastify: 'Fastify',
  koa: 'Koa',
  hono: 'Hono',
  hapi: 'hapi',
  'react-router': 'React Router',
  fetch: 'Response.redirect',
  nest: 'NestJS',
  h3: 'h3',
  elysia: 'Elysia',
  astro: 'Astro',
  unknown: 'no proved framework',
};

export type Markup = 'markdown' | 'rst';

/** `testsUpdated`: test assertions the run rewrote with their redirects (src/testsuite/). */
export function changelogEntry(mode: Mode, sites: readonly Site[], markup: Markup, testsUpdated = 0): string | null {
  const entry = redirectsEntry(mode, sites, markup);
  if (entry === null || testsUpdated === 0) return entry;
  const code = (text: string) => (markup === 'rst' ? `\`\`${text}\`\`` : `\`${text}\``);
  return `${entry} ${testsUpdated} test ${testsUpdated === 1 ? 'assertion that expected' : 'assertions that expected'} ${code('302')} from ${testsUpdated === 1 ? 'one of them now expects' : 'them now expect'} ${code('303')}.`;
}

function redirectsEntry(mode: Mode, sites: readonly Site[], markup: Markup): string | null {
  const rewritten = sites.filter((site) => site.action === 'rewritten');
  if (rewritten.length === 0) return null;
  const code = (text: string) => (markup === 'rst' ? `\`\`${text}\`\`` : `\`${text}\``);

  const perFramework = new Map<Framework, number>();
  for (const site of rewritten) perFramework.set(site.framework, (perFramework.get(site.framework) ?? 0) + 1);
  const breakdown = [...perFramework].map(([framework, count]) => `${FRAMEWORK_NAMES[framework]} ${count}`).join(', ');
  const count = rewritten.length;
  const redirects = `${count} ${count === 1 ? 'redirect' : 'redirects'} (${breakdown})`;
  const they = count === 1 ? 'it' : 'they';
  const status = STATUS_FOR_MODE[mode];
  const pythonOnly = rewritten.every((site) => site.language === 'python');
  const flask = rewritten.some((site) => site.language === 'python');
  const names = pythonOnly ? `now ${count === 1 ? 'passes' : 'pass'} ${code(`code=${status}`)}` : `now ${count === 1 ? 'names its' : 'name their'} status, ${status}`;

  if (mode === 'adopt-safe') {
    const to303 = rewritten.filter((site) => site.status.after === 303).length;
    const kept = count - to303;
    const param = (n: number) => (pythonOnly ? code(`code=${n}`) : String(n));
    return (
      `${ENTRY_MARKER} ${redirects} now name their status: ${to303} ${param(303)} (See Other) where only GET, HEAD or POST requests reach them, ` +
      `so no client can tell it from the 302 they sent before; ${kept} keep ${param(302)} because a PUT, PATCH, DELETE or unknown method could reach them` +
      `${flask ? ' (Flask 3.2 and Werkzeug 3.2 change the default of ' + code('redirect()') + ' from 302 to 303)' : ''}.`
    );
  }
  if (mode === 'preserve') {
    const why = flask
      ? `Flask 3.2 and Werkzeug 3.2 change the default of ${code('redirect()')} from 302 to 303; naming the status keeps these redirects unchanged across the upgrade.`
      : `A redirect that names no status follows its framework's default; naming it keeps these redirects unchanged across upgrades.`;
    return `${ENTRY_MARKER} ${redirects} ${names}, the status ${they} already sent. ${why}`;
  }
  const was = flask ? `the default from Flask 3.2 and Werkzeug 3.2 on; ${they} sent 302 before` : `instead of the implicit 302`;
  return (
    `${ENTRY_MARKER} ${redirects} ${names} (See Other), ${was}. Clients follow a 303 with a GET, so a redirect answered to ` +
    `a PUT, PATCH or DELETE request no longer repeats that method.`
  );
}
