/**
 * The command line's grammar: commands, their options, and the help text, read from one
 * declaration. A small parser of its own rather than a framework: loading one cost a tenth
 * of a second at every start, more than a whole run over a repository that holds no redirect.
 *
 * Accepted: `--name value`, `--name=value`, `--flag`, `--no-flag` (and `--no-changelog` for a
 * string option, which sets it to false), repeated `--include a --include b` or
 * `--include a b` (values taken while they are valid choices), `--` to end the options.
 */

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
  commands: readonly CommandSpec[];
  /** Options every command takes. */
  common: Readonly<Record<string, OptionSpec>>;
  epilogue: string;
}

export type Parsed =
  | { kind: 'args'; command: CommandName; args: Record<string, unknown> }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export function parseCommandLine(argv: readonly string[], grammar: Grammar, width = 100): Parsed {
  const at = firstPositional(argv, grammar);
  const named = at === -1 ? undefined : grammar.commands.find((command) => command.name === argv[at]);
  const command = named ?? grammar.commands[0]!;
  const rest = named ? [...argv.slice(0, at), ...argv.slice(at + 1)] : [...argv];
  const options: Record<string, OptionSpec> = { ...command.options, ...grammar.common };

  if (rest.includes('--help')) return { kind: 'help', text: renderHelp(grammar, named ?? null, width) };
  if (rest.includes('--version')) return { kind: 'version' };

  const args: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `Unknown argument: ${arg}` };
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    let negated = false;
    // Own keys only: `--constructor` or `--__proto__` are unknown arguments, not inherited ones.
    if (!Object.hasOwn(options, name) && name.startsWith('no-') && Object.hasOwn(options, name.slice(3))) {
      name = name.slice(3);
      negated = true;
    }
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (!spec) return { kind: 'error', message: `Unknown argument: ${name}` };
    if (negated) {
      if (inline !== undefined) return { kind: 'error', message: `--no-${name} takes no value` };
      args[name] = false;
      continue;
    }
    if (spec.type === 'boolean') {
      if (inline === undefined || inline === 'true') args[name] = true;
      else if (inline === 'false') args[name] = false;
      else return { kind: 'error', message: `--${name} is a flag: give it without a value, or =true / =false` };
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('--') && next !== '--')) {
        if (!spec.valueOptional) return { kind: 'error', message: `--${name} needs a value` };
        value = '';
      } else {
        value = next;
        i++;
      }
    }
    if (spec.choices && !spec.choices.includes(value)) return { kind: 'error', message: `--${name} must be one of ${spec.choices.join(', ')} (got ${JSON.stringify(value)})` };
    if (spec.type === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) return { kind: 'error', message: `--${name} needs a number (got ${JSON.stringify(value)})` };
      args[name] = number;
    } else if (spec.type === 'strings') {
      const values = (args[name] as string[] | undefined) ?? [];
      values.push(value);
      // `--include dist node_modules`: further values, while they are choices.
      while (inline === undefined && spec.choices && rest[i + 1] !== undefined && spec.choices.includes(rest[i + 1]!)) values.push(rest[++i]!);
      args[name] = values;
    } else args[name] = value;
  }
  for (const [name, spec] of Object.entries(options)) if (!Object.hasOwn(args, name) && spec.default !== undefined) args[name] = spec.default;
  if (command.positional.required && positionals.length === 0) return { kind: 'error', message: `give at least one ${command.positional.name}` };
  args[command.positional.key] = positionals;
  return { kind: 'args', command: command.name, args };
}

/** Where the first positional argument is (a command's name, or the first path), skipping options and their values. */
function firstPositional(argv: readonly string[], grammar: Grammar): number {
  const all: Record<string, OptionSpec> = Object.assign({}, ...grammar.commands.map((command) => command.options), grammar.common);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    const spec = arg.startsWith('--') && !arg.includes('=') ? all[arg.slice(2)] : undefined;
    if (spec && spec.type !== 'boolean') i++;
  }
  return -1;
}

/** The help: usage, the commands, then the options of one command (or of run) and the common ones. */
export function renderHelp(grammar: Grammar, command: CommandSpec | null, width: number): string {
  const shown = command ?? grammar.commands[0]!;
  const lines = ['Usage:', ...grammar.commands.map((c) => `  ${grammar.program} ${c.usage}`), ''];
  if (!command) {
    lines.push('Commands:');
    lines.push(...table(grammar.commands.map((c) => [`  ${c.name}`, c.describe]), width), '');
  }
  lines.push(`Options${command ? ` of ${command.name}` : ` of run (the default command; ${grammar.program} <command> --help for the others)`}:`);
  lines.push(...table(optionRows(shown.options), width), '');
  lines.push('Options of every command:');
  lines.push(...table(optionRows({ ...grammar.common, help: { type: 'boolean', describe: 'show this help' }, version: { type: 'boolean', describe: 'show the version' } }), width), '');
  lines.push(...wrap(grammar.epilogue, width));
  return `${lines.join('\n')}\n`;
}

function optionRows(options: Readonly<Record<string, OptionSpec>>): Array<[string, string]> {
  return Object.entries(options).map(([option, spec]) => {
    const name = spec.value ?? spec.choices?.join('|') ?? (spec.type === 'number' ? 'N' : 'VALUE');
    const value = spec.type === 'boolean' ? '' : spec.valueOptional ? ` [${name}]` : ` ${name}`;
    const extras = [spec.type === 'strings' ? 'repeatable' : null, spec.default !== undefined && spec.default !== false ? `default: ${spec.default}` : null].filter(Boolean);
    return [`  --${option}${value}`, `${spec.describe}${extras.length > 0 ? ` [${extras.join('; ')}]` : ''}`];
  });
}

function table(rows: Array<[string, string]>, width: number): string[] {
  const left = Math.min(30, Math.max(...rows.map(([name]) => name.length)) + 2);
  const out: string[] = [];
  for (const [name, text] of rows) {
    const body = wrap(text, Math.max(30, width - left));
    const first = name.length + 2 > left ? [name, ...body.map((line) => ' '.repeat(left) + line)] : [name.padEnd(left) + (body[0] ?? ''), ...body.slice(1).map((line) => ' '.repeat(left) + line)];
    out.push(...first);
  }
  return out;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
