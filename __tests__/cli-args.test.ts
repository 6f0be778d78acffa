/**
 * The command line's grammar (src/cliArgs.ts: yargs plus the refusals it lacks), as the CLI
 * declares it: which command runs, with which options and paths, and what is refused.
 */
import { describe, expect, it } from 'vitest';
import { GRAMMAR } from '../src/cli.js';
import { parseCommandLine } from '../src/cliArgs.js';

const parse = (...argv: string[]) => parseCommandLine(argv, GRAMMAR);
const args = (...argv: string[]) => {
  const parsed = parse(...argv);
  if (parsed.kind !== 'args') throw new Error(`expected arguments, got ${JSON.stringify(parsed)}`);
  return parsed;
};
const error = (...argv: string[]) => {
  const parsed = parse(...argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
};

describe('commands and paths', () => {
  it('run is the default command, with the defaults filled in', () => {
    const parsed = args('src', 'lib/app.py', '--mode', 'preserve');
    expect(parsed.command).toBe('run');
    expect(parsed.args).toMatchObject({ paths: ['src', 'lib/app.py'], mode: 'preserve', dry: false, types: 'on', 'max-file-size': 2 * 1024 * 1024 });
  });

  it('a command is the first positional, even after options that take values', () => {
    expect(args('check', 'src').command).toBe('check');
    expect(args('--types', 'off', 'check', 'src')).toMatchObject({ command: 'check', args: { types: 'off', paths: ['src'] } });
    expect(args('run', 'check')).toMatchObject({ command: 'run', args: { paths: ['check'] } });
  });

  it('fleet takes repositories, none required', () => {
    expect(args('fleet', '--repos', 'list.txt', '--mode', 'adopt')).toMatchObject({ command: 'fleet', args: { repositories: [], repos: 'list.txt' } });
    expect(args('fleet', 'a', 'b', '--concurrency', '2').args).toMatchObject({ repositories: ['a', 'b'], concurrency: 2 });
  });

  it('-- ends the options', () => {
    expect(args('--mode', 'adopt', '--', '--odd-name').args.paths).toEqual(['--odd-name']);
  });
});

describe('option forms', () => {
  it('--name value, --name=value, and - as a value (stdout)', () => {
    expect(args('src', '--json', '-', '--patch=out.diff').args).toMatchObject({ json: '-', patch: 'out.diff', paths: ['src'] });
  });

  it('flags: --flag, --flag=false, --no-flag; --no-changelog turns a string option off', () => {
    expect(args('src', '--dry', '--allow-dirty=false', '--no-exit-code', '--no-changelog').args).toMatchObject({ dry: true, 'allow-dirty': false, 'exit-code': false, changelog: false });
  });

  it('--changelog may come without its FILE (the default search)', () => {
    expect(args('src', '--changelog', '--dry').args).toMatchObject({ changelog: '', dry: true });
    expect(args('src', '--changelog', 'CHANGES.md').args).toMatchObject({ changelog: 'CHANGES.md', paths: ['src'] });
  });

  it('--include repeats, one value each: the word after its value is a path again', () => {
    expect(args('--include', 'dist', '--include', 'node_modules', 'src').args).toMatchObject({ include: ['dist', 'node_modules'], paths: ['src'] });
    expect(args('src', '--include', 'dist', '--include=node_modules').args).toMatchObject({ include: ['dist', 'node_modules'] });
    expect(args('--include', 'dist', 'src').args).toMatchObject({ include: ['dist'], paths: ['src'] });
  });

  it('no environment variable sets an option', () => {
    process.env.REDIRECT_CODEMOD_MODE = 'adopt';
    process.env.MODE = 'adopt';
    try {
      expect(args('src').args.mode).toBeUndefined();
    } finally {
      delete process.env.REDIRECT_CODEMOD_MODE;
      delete process.env.MODE;
    }
  });
});

describe('refusals', () => {
  it.each([
    [['src', '--frobnicate'], 'Unknown argument: --frobnicate'],
    [['check', 'src', '--mode', 'preserve'], 'Unknown argument: --mode (an option of run and fleet, not of check)'],
    [['src', '-x'], 'Unknown argument: -x'],
    [['src', '--constructor', 'x'], 'Unknown argument: --constructor'],
    [['src', '--__proto__', 'x'], 'Unknown argument: --__proto__'],
    [['src', '--toString'], 'Unknown argument: --toString'],
    [['src', '--hasOwnProperty=x'], 'Unknown argument: --hasOwnProperty'],
    [['src', '--mode', 'sideways'], 'Invalid values:\n  Argument: mode, Given: "sideways", Choices: "preserve", "adopt", "adopt-safe"'],
    [['check', 'src', '--format', 'xml'], 'Invalid values:\n  Argument: format, Given: "xml", Choices: "text", "json", "github", "sarif"'],
    [['src', '--include', 'lib'], 'Invalid values:\n  Argument: include, Given: "lib", Choices: "node_modules", "dist"'],
    [['src', '--json'], 'Not enough arguments following: json'],
    [['src', '--json', '--dry'], 'Not enough arguments following: json'],
    [['src', '--max-file-size', 'big'], '--max-file-size needs a number'],
    [['src', '--max-file-size', '-5'], '--max-file-size must be at least 1 (got -5)'],
    [['src', '--max-file-size', '0'], '--max-file-size must be at least 1 (got 0)'],
    [['src', '--max-file-size', '1.5'], '--max-file-size needs a whole number (got 1.5)'],
    [['fleet', '--concurrency', '0'], '--concurrency must be at least 1 (got 0)'],
    [['src', '--dry=maybe'], '--dry is a flag: give it without a value, or =true / =false'],
    [['src', '--no-json=x'], '--no-json takes no value'],
    [['src', '--no-max-file-size'], '--no-max-file-size: --max-file-size has no negative form'],
    [['src', '--mode', 'preserve', '--mode', 'adopt'], '--mode is given 2 times (--mode … --mode): give it once'],
    [['src', '--mode=preserve', '--mode', 'adopt'], '--mode is given 2 times (--mode=preserve … --mode): give it once'],
    [['src', '--dry', '--no-dry'], '--dry is given 2 times (--dry … --no-dry): give it once'],
    [['src', '--json', 'a.json', '--json', 'b.json'], '--json is given 2 times (--json … --json): give it once'],
    [['--mode', 'preserve'], 'give at least one file or directory'],
    [['check'], 'give at least one file or directory'],
  ])('%j', (argv, message) => {
    expect(error(...argv)).toBe(message);
  });

  it.each([
    ['jsno', 'json'],
    ['dry-run', 'dry'],
    ['mdoe', 'mode'],
    ['alow-dirty', 'allow-dirty'],
    ['max-filesize', 'max-file-size'],
    ['follow-symlink', 'follow-symlinks'],
    ['hlep', 'help'],
  ])('--%s suggests --%s', (written, meant) => {
    expect(error('src', `--${written}`)).toBe(`Unknown argument: --${written} (did you mean --${meant}?)`);
  });

  it('suggests only from the options of the command given', () => {
    expect(error('check', 'src', '--fromat', 'json')).toBe('Unknown argument: --fromat (did you mean --format?)');
    expect(error('fleet', '--repo', 'list.txt')).toBe('Unknown argument: --repo (did you mean --repos?)');
    expect(error('src', '--zzzz')).toBe('Unknown argument: --zzzz');
  });
});

describe('help and version', () => {
  const help = (...argv: string[]) => {
    const parsed = parse(...argv);
    if (parsed.kind !== 'help') throw new Error(`expected help, got ${JSON.stringify(parsed)}`);
    return parsed.text;
  };

  it('--help and -h show every command, the options of run and the common ones', () => {
    for (const flag of ['--help', '-h']) {
      const text = help(flag);
      for (const part of ['redirect-codemod check <paths..>', 'redirect-codemod fleet [repositories..]', 'Options of run:', '--mode', '"adopt-safe"', 'Options of every command:', '--include', '"node_modules"', '-v, --version']) expect(text).toContain(part);
    }
  });

  it('each command has its own help, with its own options only', () => {
    const check = help('check', '--help');
    expect(check).toMatch(/^redirect-codemod check <paths\.\.>/);
    expect(check).toContain('--format');
    expect(check).not.toContain('--mode');
    const fleet = help('fleet', '-h');
    expect(fleet).toContain('--retry-failed');
    expect(fleet).not.toContain('--format');
  });

  it('--version and -v, with any command', () => {
    for (const argv of [['--version'], ['-v'], ['check', '--version']]) {
      const parsed = parse(...argv);
      expect(parsed).toEqual({ kind: 'version', text: `${GRAMMAR.version}\n` });
    }
    expect(GRAMMAR.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
