/**
 * The command line's grammar: one declaration (the CLI's GRAMMAR) of commands and options, parsed
 * by yargs (strict, commands with their own options and help, -h/--help, -v/--version,
 * recommendCommands). yargs is bundled into dist/bundle, so it costs little at start.
 *
 * Before yargs sees the arguments, a scan of the `--name` words refuses what yargs would let
 * through or trip over: names that are not own keys of the declaration (`--constructor` crashes
 * yargs; `--__proto__`), with a did-you-mean from the declared options (yargs suggests commands
 * only); a single-valued option given twice (yargs makes an array of `--mode a --mode b`, and
 * keeps the last of `--dry --no-dry`); `--flag=maybe` (yargs reads it as false). After yargs:
 * numbers that are not numbers, or below their minimum. No environment variable sets an option
 * (no `.env()`), and the messages are English whatever the locale.
 */
import { distance } from 'fastest-levenshtein';
import yargs from 'yargs';

export type CommandName = 'run' | 'check' | 'fleet';

export interface OptionSpec {
  type: 'string' | 'boolean' | 'number' | 'strings';
  describe: string;
  choices?: readonly string[];
  default?: string | boolean | number;
  /** Shown as the value's name in the help (`--json FILE`). */
  value?: string;
  /** The value may be left out (`--changelog` alone): it is then the empty string. */
  valueOptional?: boolean;
  /** For numbers: the smallest value accepted, and whether it must be whole. */
  min?: number;
  integer?: boolean;
}

export interface CommandSpec {
  name: CommandName;
  /** The positional arguments' key in the parsed result, and whether one is required. */
  positional: { key: string; name: string; required: boolean };
  usage: string;
  describe: string;
  options: Readonly<Record<string, OptionSpec>>;
}

export interface Grammar {
  program: string;
  version: string;
  commands: readonly CommandSpec[];
  /** Options every command takes. */
  common: Readonly<Record<string, OptionSpec>>;
  epilogue: string;
}

export type Parsed =
  /** `given`: the options the command line names (the others are defaults, which a project's config may set). */
  | { kind: 'args'; command: CommandName; args: Record<string, unknown>; given: ReadonlySet<string> }
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string }
  | { kind: 'error'; message: string };

/** Options yargs adds itself, with their one-letter aliases. */
const BUILT_IN: Readonly<Record<string, string>> = { help: 'h', version: 'v' };

export function parseCommandLine(argv: readonly string[], grammar: Grammar, width = 100): Parsed {
  const { command, at } = commandOf(argv, grammar);
  const given = new Set<string>();
  const refused = scan(argv, grammar, command, given);
  if (refused) return { kind: 'error', message: refused };

  const options = { ...command.options, ...grammar.common };
  let outcome: { error?: string; args?: Record<string, unknown>; output: string } = { output: '' };
  // The command's name is taken out: yargs gets only the command it parses, as its default.
  const words = at === -1 ? [...argv] : [...argv.slice(0, at), ...argv.slice(at + 1)];
  build(grammar, at === -1 ? null : command, width).parse(joinDashValues(words, options), {}, (error, args, output) => {
    outcome = { error: error ? error.message : undefined, args: args as Record<string, unknown>, output };
  });
  if (outcome.error !== undefined) return { kind: 'error', message: outcome.error };
  const args = outcome.args ?? {};
  if (args.help === true) return { kind: 'help', text: `${outcome.output.trimEnd()}\n` };
  if (args.version === true) return { kind: 'version', text: `${outcome.output.trimEnd()}\n` };

  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options)) {
    if (!Object.hasOwn(args, name) || args[name] === undefined) continue;
    const value = args[name];
    if (spec.type === 'number' && value !== false) {
      const problem = numberProblem(name, spec, value);
      if (problem) return { kind: 'error', message: problem };
    }
    result[name] = value;
  }
  // Words after `--` land in `_`.
  const rest = ((args._ as unknown[] | undefined) ?? []).map(String);
  const positionals = [...((args[command.positional.key] as unknown[] | undefined) ?? []).map(String), ...rest];
  if (command.positional.required && positionals.length === 0) return { kind: 'error', message: `give at least one ${command.positional.name}` };
  result[command.positional.key] = positionals;
  return { kind: 'args', command: command.name, args: result, given };
}

/**
 * yargs for one command line. `named`: the command whose name was given; yargs then knows only
 * that one, as its default command: for a command it does not run as the default, yargs lays
 * out the whole help at every parse (cliui, string widths), two hundredths of a second.
 * Without a name: every command, run as the default, and the help lists them all.
 */
function build(grammar: Grammar, named: CommandSpec | null, width: number) {
  const parser = yargs()
    .scriptName(grammar.program)
    .locale('en')
    // Keys exactly as declared: no camelCase twins, no `--a.b` objects.
    // One value per `--include` / `--exclude`, so that `--exclude 'x/**' src` keeps src a path.
    .parserConfiguration({ 'camel-case-expansion': false, 'dot-notation': false, 'greedy-arrays': false })
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(grammar.version)
    .alias('v', 'version')
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(width)
    .epilogue(grammar.epilogue);
  parser.usage(named ? `${grammar.program} ${named.usage}\n\n${named.describe}` : grammar.commands.map((command) => `${grammar.program} ${command.usage}`).join('\n'));
  const commands = named ? [named] : grammar.commands;
  commands.forEach((command, index) => {
    const positional = `[${command.positional.key}..]`;
    // The first is the default command; the others are listed in the help but never parsed here.
    const names = index === 0 ? [`${named ? '$0' : command.name} ${positional}`, '$0'] : [`${command.name} ${positional}`];
    parser.command(names, command.describe, (y) => {
      y.positional(command.positional.key, { type: 'string', array: true, describe: command.positional.name });
      for (const [name, spec] of Object.entries(command.options)) y.option(name, yargsOption(spec));
      y.group(Object.keys(command.options), `Options of ${command.name}:`);
      y.group(Object.keys(grammar.common), 'Options of every command:');
      return y;
    });
  });
  for (const [name, spec] of Object.entries(grammar.common)) parser.option(name, yargsOption(spec));
  return parser;
}

function yargsOption(spec: OptionSpec) {
  const extras = [spec.value, spec.min !== undefined ? `at least ${spec.min}` : null, spec.type === 'strings' ? 'repeatable' : null].filter(Boolean);
  return {
    type: spec.type === 'strings' ? ('string' as const) : spec.type,
    describe: extras.length > 0 ? `${spec.describe} [${extras.join('; ')}]` : spec.describe,
    requiresArg: spec.type !== 'boolean' && !spec.valueOptional,
    // A key present with `undefined` would be a default of its own.
    ...(spec.type === 'strings' ? { array: true } : {}),
    ...(spec.choices ? { choices: [...spec.choices] } : {}),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
  };
}

/**
 * The command, and where its name is (-1: not given, the first command runs): the first word
 * that is not an option or an option's value, when it names a command.
 */
export function commandOf(argv: readonly string[], grammar: Grammar): { command: CommandSpec; at: number } {
  const all = allOptions(grammar);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') {
      const command = grammar.commands.find((candidate) => candidate.name === arg);
      return command ? { command, at: i } : { command: grammar.commands[0]!, at: -1 };
    }
    const spec = arg.startsWith('--') && !arg.includes('=') && Object.hasOwn(all, arg.slice(2)) ? all[arg.slice(2)] : undefined;
    if (spec && spec.type !== 'boolean' && !spec.valueOptional) i++;
  }
  return { command: grammar.commands[0]!, at: -1 };
}

/** Refusals on the `--name` words themselves, before yargs parses them. */
function scan(argv: readonly string[], grammar: Grammar, command: CommandSpec, given: Set<string>): string | null {
  const options: Record<string, OptionSpec> = { ...command.options, ...grammar.common };
  const seen = new Map<string, string[]>();
  const short = new Set(Object.values(BUILT_IN));
  for (const arg of argv) {
    if (arg === '--') break;
    // `-h`, `-v`; `-5` is a (negative) number for yargs, refused later as a value below its minimum.
    if (/^-[^-\d]/.test(arg) && !short.has(arg.slice(1))) return `Unknown argument: ${arg}`;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const written = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (Object.hasOwn(BUILT_IN, written)) continue;
    const negated = !Object.hasOwn(options, written) && written.startsWith('no-') && Object.hasOwn(options, written.slice(3));
    const name = negated ? written.slice(3) : written;
    if (!Object.hasOwn(options, name)) return unknown(written, grammar, command);
    const spec = options[name]!;
    if (negated && inline !== undefined) return `--no-${name} takes no value`;
    if (negated && spec.type !== 'boolean' && !spec.valueOptional) return `--no-${name}: --${name} has no negative form`;
    if (spec.type === 'boolean' && inline !== undefined && inline !== 'true' && inline !== 'false') return `--${name} is a flag: give it without a value, or =true / =false`;
    given.add(name);
    if (spec.type !== 'strings') seen.set(name, [...(seen.get(name) ?? []), arg]);
  }
  for (const [name, words] of seen) {
    if (words.length > 1) return `--${name} is given ${words.length} times (${words.join(' … ')}): give it once`;
  }
  return null;
}

function unknown(written: string, grammar: Grammar, command: CommandSpec): string {
  const base = `Unknown argument: --${written}`;
  const elsewhere = grammar.commands.filter((other) => other !== command && Object.hasOwn(other.options, written)).map((other) => other.name);
  if (elsewhere.length > 0) return `${base} (an option of ${elsewhere.join(' and ')}, not of ${command.name})`;
  const suggestion = suggest(written, [...Object.keys(command.options), ...Object.keys(grammar.common), ...Object.keys(BUILT_IN)]);
  return suggestion ? `${base} (did you mean --${suggestion}?)` : base;
}

/**
 * The declared option a misspelt one most likely meant: a small edit away (`--jsno`), or the
 * declared name plus a suffix (`--dry-run` for `--dry`), or a prefix of one (`--concurr`).
 */
export function suggest(written: string, names: readonly string[]): string | null {
  const word = written.toLowerCase();
  let best: { name: string; cost: number } | null = null;
  for (const name of names) {
    const cost = distance(word, name);
    const allowed = name.length <= 3 ? 1 : Math.max(2, Math.floor(name.length / 3));
    if (cost <= allowed && (!best || cost < best.cost)) best = { name, cost };
  }
  if (best) return best.name;
  const byPrefix = names.filter((name) => word.startsWith(`${name}-`) || (word.length >= 3 && name.startsWith(word)));
  return byPrefix.length === 1 ? byPrefix[0]! : null;
}

function numberProblem(name: string, spec: OptionSpec, value: unknown): string | null {
  const number = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(number)) return `--${name} needs a number${typeof value === 'string' ? ` (got ${JSON.stringify(value)})` : ''}`;
  if (spec.integer && !Number.isInteger(number)) return `--${name} needs a whole number (got ${number})`;
  if (spec.min !== undefined && number < spec.min) return `--${name} must be at least ${spec.min} (got ${number})`;
  return null;
}

/** yargs reads `--json -` as an option without value plus a `-` path; `-` here means stdout. */
function joinDashValues(argv: readonly string[], options: Readonly<Record<string, OptionSpec>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (argv[i + 1] === '-' && Object.hasOwn(options, name) && options[name]!.type === 'string') {
      out.push(`${arg}=-`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function allOptions(grammar: Grammar): Record<string, OptionSpec> {
  return Object.assign({}, ...grammar.commands.map((command) => command.options), grammar.common) as Record<string, OptionSpec>;
}
