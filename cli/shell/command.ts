import type { ParseArgsConfig } from 'node:util';
import type { Io } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Args {
  values: Values;
  positionals: string[];
}

/** One command of `loupe`: what it takes, its help, and what it does. */
export interface Command {
  /** As typed after `loupe`: "batch create". */
  name: string;
  /** One line for `loupe --help`. */
  summary: string;
  /** The text of `loupe <name> --help`, after its first line. */
  help: string;
  /** Besides --help (and --quiet, when `quiet` is set), which every command takes. */
  options: Options;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  /** Takes --quiet: it does work long enough to show progress. */
  quiet?: boolean;
  run(args: Args, io: Io): Promise<void>;
}
