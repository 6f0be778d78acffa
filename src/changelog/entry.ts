/**
 * The changelog entry: what changed, in words a reader of the changelog understands.
 * Every entry starts with the same words, which is how a second run recognises it.
 */
import { STATUS_FOR_MODE, type Framework, type Mode, type Site } from '../site.js';

export const ENTRY_MARKER = 'Explicit redirect status:';

const FRAMEWORK_NAMES: Record<Framework, string> = { flask: 'Flask', werkzeug: 'Werkzeug', quart: 'Quart' };

export type Markup = 'markdown' | 'rst';

export function changelogEntry(mode: Mode, sites: readonly Site[], markup: Markup): string | null {
  const rewritten = sites.filter((site) => site.action === 'rewritten');
  if (rewritten.length === 0) return null;
  const code = (text: string) => (markup === 'rst' ? `\`\`${text}\`\`` : `\`${text}\``);

  const perFramework = new Map<Framework, number>();
  for (const site of rewritten) perFramework.set(site.framework, (perFramework.get(site.framework) ?? 0) + 1);
  const breakdown = [...perFramework].map(([framework, count]) => `${FRAMEWORK_NAMES[framework]} ${count}`).join(', ');
  const count = rewritten.length;
  const redirects = `${count} ${count === 1 ? 'redirect' : 'redirects'} (${breakdown})`;
  const verb = count === 1 ? 'passes' : 'pass';
  const status = STATUS_FOR_MODE[mode];
  const argument = code(`code=${status}`);

  if (mode === 'preserve') {
    return (
      `${ENTRY_MARKER} ${redirects} now ${verb} ${argument}, the status ${count === 1 ? 'it' : 'they'} already sent. ` +
      `Flask 3.2 and Werkzeug 3.2 change the default of ${code('redirect()')} from 302 to 303; ` +
      `naming the status keeps these redirects unchanged across the upgrade.`
    );
  }
  return (
    `${ENTRY_MARKER} ${redirects} now ${verb} ${argument} (See Other), the default from Flask 3.2 and Werkzeug 3.2 on; ` +
    `${count === 1 ? 'it' : 'they'} sent 302 before. Clients follow a 303 with a GET, so a redirect answered to ` +
    `a PUT, PATCH or DELETE request no longer repeats that method.`
  );
}
