/**
 * The command line's grammar (src/cliArgs.ts), as the CLI declares it: which command runs,
 * with which options and paths, and what is refused.
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

  it('--include repeats, and takes further values while they are its choices', () => {
    expect(args('--include', 'dist', 'node_modules', 'src').args).toMatchObject({ include: ['dist', 'node_modules'], paths: ['src'] });
    expect(args('src', '--include', 'dist', '--include=node_modules').args).toMatchObject({ include: ['dist', 'node_modules'] });
  });
});

describe('refusals', () => {
  it.each([
    [['src', '--frobnicate'], 'Unknown argument: frobnicate'],
    [['check', 'src', '--mode', 'preserve'], 'Unknown argument: mode'],
    [['src', '-x'], 'Unknown argument: -x'],
    [['src', '--constructor', 'x'], 'Unknown argument: constructor'],
    [['src', '--__proto__', 'x'], 'Unknown argument: __proto__'],
    [['src', '--mode', 'sideways'], '--mode must be one of preserve, adopt, adopt-safe (got "sideways")'],
    [['src', '--json'], '--json needs a value'],
    [['src', '--json', '--dry'], '--json needs a value'],
    [['src', '--max-file-size', 'big'], '--max-file-size needs a number (got "big")'],
    [['src', '--dry=maybe'], '--dry is a flag: give it without a value, or =true / =false'],
    [['src', '--no-json=x'], '--no-json takes no value'],
    [['--mode', 'preserve'], 'give at least one file or directory'],
    [['check'], 'give at least one file or directory'],
  ])('%j', (argv, message) => {
    expect(error(...argv)).toBe(message);
  });
});

describe('help and version', () => {
  it('--help shows every command and the options of the one asked about', () => {
    const all = parse('--help');
    expect(all.kind).toBe('help');
    const text = all.kind === 'help' ? all.text : '';
    for (const part of ['redirect-codemod check <paths..>', 'fleet  migrate many repositories', '--mode preserve|adopt|adopt-safe', '--include node_modules|dist', '--version']) expect(text).toContain(part);
    const fleet = parse('fleet', '--help');
    expect(fleet.kind === 'help' && fleet.text).toContain('--retry-failed');
  });

  it('--version', () => {
    expect(parse('check', '--version').kind).toBe('version');
  });
});
