/** The changelog writers: where the entry lands in each convention, and that it lands once. */
import { describe, expect, it } from 'vitest';
import { changelogEntry, ENTRY_MARKER } from '../src/changelog/entry.js';
import { placeEntry } from '../src/changelog/placeEntry.js';
import type { Site } from '../src/site.js';

const addKeepAChangelogEntry = (source: string, entry: string) => placeEntry(source, { markdown: entry, rst: entry }, 'markdown');
const addPalletsEntry = (source: string, entry: string) => placeEntry(source, { markdown: entry, rst: entry }, source.includes('## ') ? 'markdown' : 'rst');

const ENTRY = `${ENTRY_MARKER} 2 redirects now pass code=302.`;

function added(edit: ReturnType<typeof addKeepAChangelogEntry>): string {
  if (edit.kind !== 'added') throw new Error(`expected an added entry, got ${edit.kind}`);
  return edit.text;
}

describe('Keep a Changelog', () => {
  it('adds a bullet at the end of an existing Unreleased → Changed list', () => {
    const before = '# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Older change.\n\n### Fixed\n\n- A fix.\n\n## [1.0.0] - 2026-01-01\n';
    expect(added(addKeepAChangelogEntry(before, ENTRY))).toBe(
      `# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Older change.\n- ${ENTRY}\n\n### Fixed\n\n- A fix.\n\n## [1.0.0] - 2026-01-01\n`,
    );
  });

  it('creates ### Changed after ### Added and before ### Fixed', () => {
    const before = '## [Unreleased]\n\n### Added\n\n- New.\n\n### Fixed\n\n- Fix.\n';
    expect(added(addKeepAChangelogEntry(before, ENTRY))).toBe(
      `## [Unreleased]\n\n### Added\n\n- New.\n\n### Changed\n\n- ${ENTRY}\n\n### Fixed\n\n- Fix.\n`,
    );
  });

  it('creates ### Changed at the end of an Unreleased section that lacks it', () => {
    const before = '## [Unreleased]\n\n### Added\n\n- New.\n\n## [1.0.0]\n';
    expect(added(addKeepAChangelogEntry(before, ENTRY))).toBe(`## [Unreleased]\n\n### Added\n\n- New.\n\n### Changed\n\n- ${ENTRY}\n\n## [1.0.0]\n`);
  });

  it('creates ## [Unreleased] above the newest release', () => {
    const before = '# Changelog\n\nIntro.\n\n## [1.0.0] - 2026-01-01\n\n- First.\n';
    expect(added(addKeepAChangelogEntry(before, ENTRY))).toBe(
      `# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Changed\n\n- ${ENTRY}\n\n## [1.0.0] - 2026-01-01\n\n- First.\n`,
    );
  });

  it('keeps CRLF line endings and a file without a final newline', () => {
    const before = '# Changelog\r\n\r\n## [Unreleased]\r\n\r\n### Changed\r\n\r\n- Older.';
    expect(added(addKeepAChangelogEntry(before, ENTRY))).toBe(`# Changelog\r\n\r\n## [Unreleased]\r\n\r\n### Changed\r\n\r\n- Older.\r\n- ${ENTRY}`);
  });

  it('does not add the entry twice', () => {
    const once = added(addKeepAChangelogEntry('# Changelog\n', ENTRY));
    expect(addKeepAChangelogEntry(once, ENTRY)).toEqual({ kind: 'present' });
  });

  it('adds a new entry when the earlier one was released', () => {
    const before = `## [Unreleased]\n\n## [1.1.0]\n\n### Changed\n\n- ${ENTRY}\n`;
    expect(addKeepAChangelogEntry(before, ENTRY).kind).toBe('added');
  });
});

describe('Pallets-style CHANGES.rst', () => {
  const pallets = [
    'Version 3.2.0',
    '-------------',
    '',
    'Unreleased',
    '',
    '-   Drop support for Python 3.9. :pr:`5730`',
    '-   Long item that wraps',
    '    onto a second line.',
    '',
    'Version 3.1.1',
    '-------------',
    '',
    'Released 2025-05-13',
    '',
    '-   Fix something.',
    '',
  ].join('\n');

  it('adds a bullet after the last item of the Unreleased version, in the file’s bullet style', () => {
    const after = added(addPalletsEntry(pallets, ENTRY));
    expect(after).toBe(pallets.replace('    onto a second line.\n', `    onto a second line.\n-   ${ENTRY}\n`));
  });

  it('does not add the entry twice', () => {
    const once = added(addPalletsEntry(pallets, ENTRY));
    expect(addPalletsEntry(once, ENTRY)).toEqual({ kind: 'present' });
  });

  it('refuses to guess a version when the newest section is released', () => {
    const released = pallets.split('\n').slice(9).join('\n');
    const edit = addPalletsEntry(released, ENTRY);
    expect(edit.kind).toBe('unsupported');
    if (edit.kind === 'unsupported') expect(edit.reason).toMatch(/Version 3\.1\.1.*released/);
  });

  it('skips a document title underlined with another character', () => {
    const titled = `Changes\n=======\n\n${pallets}`;
    expect(added(addPalletsEntry(titled, ENTRY))).toContain(`onto a second line.\n-   ${ENTRY}\n\nVersion 3.1.1`);
  });

  it('reads the Markdown flavour (## Version … / Unreleased)', () => {
    const md = '# Changes\n\n## Version 2.0.0\n\nUnreleased\n\n- One.\n\n## Version 1.0.0\n\nReleased 2020-01-01\n';
    expect(added(addPalletsEntry(md, ENTRY))).toBe(`# Changes\n\n## Version 2.0.0\n\nUnreleased\n\n- One.\n- ${ENTRY}\n\n## Version 1.0.0\n\nReleased 2020-01-01\n`);
  });
});

describe('the entry text', () => {
  const site = (framework: Site['framework']): Site => ({
    file: 'a.py', line: 1, column: 1, endLine: 1, endColumn: 2, language: 'python', framework, api: 'x',
    status: { before: 'implicit', after: 302 }, action: 'rewritten',
  });

  it('says the mode, the count per framework and why', () => {
    const text = changelogEntry('preserve', [site('flask'), site('flask'), site('werkzeug')], 'markdown')!;
    expect(text).toMatch(/^Explicit redirect status: 3 redirects \(Flask 2, Werkzeug 1\) now pass `code=302`/);
    expect(text).toMatch(/Flask 3\.2 .* from 302 to 303/);
  });

  it('adopt mode names 303 and what changes for clients; rst uses double backticks', () => {
    const text = changelogEntry('adopt', [site('quart')], 'rst')!;
    expect(text).toMatch(/1 redirect \(Quart 1\) now passes ``code=303``/);
    expect(text).toMatch(/PUT, PATCH or DELETE/);
  });

  it('writes no entry when nothing was rewritten', () => {
    expect(changelogEntry('adopt', [{ ...site('flask'), action: 'explicit' }], 'markdown')).toBeNull();
  });
});
