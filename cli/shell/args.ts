import { parseArgs } from 'node:util';
import type { Args, Command, Options, Values } from './command';
import { usageError } from './errors';

const COMMON: Options = { help: { type: 'boolean', short: 'h' } };
const QUIET: Options = { quiet: { type: 'boolean', short: 'q' } };

/** The one-line hint every usage error ends with. */
export function helpHint(command?: Command): string {
  return `see "loupe ${command ? `${command.name} ` : ''}--help"`;
}

/**
 * util.parseArgs' own messages are written for programmers ("To specify a positional argument starting
 * with a '-', place it at the end…"); a person gets the option and the way to the help instead.
 */
function reword(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const named = /'([^']+)'/u.exec(message)?.[1] ?? '';
  const option = named.replace(/ <value>$/u, '').split(',').pop()?.trim() ?? named;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(named)}`;
    default:
      return message.split('\n')[0] ?? message;
  }
}

/** The command's arguments, checked; null when --help was asked for. */
export function parseCommandArgs(command: Command, argv: readonly string[]): Args | null {
  const options = { ...COMMON, ...(command.quiet ? QUIET : {}), ...command.options };
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (err) {
    throw usageError(`loupe ${command.name}: ${reword(err)} — ${helpHint(command)}`);
  }
  if (parsed.values.help) return null;
  const { min, max } = command.positionals;
  const n = parsed.positionals.length;
  if (n > max) {
    const extra = parsed.positionals[max]!;
    throw usageError(`loupe ${command.name}: unexpected argument ${JSON.stringify(extra)}${max === 0 ? ' (it takes options only)' : ''} — ${helpHint(command)}`);
  }
  if (n < min) throw usageError(`loupe ${command.name}: needs ${min === max ? min : `at least ${min}`} file${min === 1 ? '' : 's'} — ${helpHint(command)}`);
  return parsed;
}

/** A string option's value (the last one when given twice). */
export function text(args: Args, name: string): string | undefined {
  const v = args.values[name];
  const last = Array.isArray(v) ? v.at(-1) : v;
  return typeof last === 'string' ? last : undefined;
}

/** Every value of an option that may be repeated. */
export function texts(args: Args, name: string): string[] {
  const v = args.values[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

export function flag(args: Args, name: string): boolean {
  return args.values[name] === true;
}

/** A string option that must be given. */
export function required(args: Args, command: Command, name: string, what: string): string {
  const v = text(args, name);
  if (v === undefined || v === '') throw usageError(`loupe ${command.name}: --${name} ${what} is missing — ${helpHint(command)}`);
  return v;
}
