/** How a command ends when it cannot do what was asked; main() prints the message as one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** 1: the input (a file) is bad; 2: the command line is wrong, or asks for what is not built yet. */
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** The input is bad: a file that is missing, damaged or wrong. Exit code 1. */
export function inputError(message: string): CliError {
  return new CliError(message, 1);
}

/** The command line is wrong (a missing or unknown option, a bad value), or asks for what is not built yet. Exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}
