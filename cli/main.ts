import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands';
import { CliError, flag, parseCommandArgs, processIo, type Command } from './shell';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return `loupe — Loupe's command line, for coordinators and pipelines (docs/cli.md)

Usage: loupe <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Every command has --help. "loupe --version" prints the version.
Exit codes: 0 success; 1 bad input (a missing, damaged or wrong file); 2 a wrong command line, or what
is not built yet.
`;
}

/** The command named by the start of `argv`, with the rest of the arguments, or why there is none. */
function find(argv: readonly string[]): { command: Command; rest: string[] } | { problem: string } | { group: string } {
  const [first = '', second = ''] = argv;
  // Two words first: "server backup" is a command of its own, not "server" given "backup".
  const exact = COMMANDS.find((c) => c.name === `${first} ${second}`) ?? COMMANDS.find((c) => c.name === first);
  if (exact) return { command: exact, rest: argv.slice(exact.name.split(' ').length) };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    if (second === '--help' || second === '-h') {
      const width = Math.max(...group.map((c) => c.name.length)) + 3;
      return { group: `loupe ${first} — ${group.length} commands:\n${group.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}\n\nEach has --help.\n` };
    }
    const names = group.map((c) => `"loupe ${c.name}"`).join(' or ');
    return { problem: `loupe ${first}: ${second === '' ? 'which one?' : `unknown command ${JSON.stringify(second)};`} ${names} — see "loupe --help"` };
  }
  if (first.startsWith('-')) return { problem: `loupe: unknown option ${first} — see "loupe --help"` };
  return { problem: `loupe: unknown command ${JSON.stringify(first)} — see "loupe --help"` };
}

/** Runs `loupe` with these arguments; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `loupe … | head` closes stdout early: that ends the command, it is not an error to report.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const [first] = argv;
  if (first === undefined) {
    process.stderr.write(overview());
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(overview());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const found = find(argv);
  try {
    if ('problem' in found) throw new CliError(found.problem, 2);
    if ('group' in found) {
      process.stdout.write(found.group);
      return 0;
    }
    const { command, rest } = found;
    const args = parseCommandArgs(command, rest);
    if (!args) {
      process.stdout.write(`loupe ${command.name} — ${command.summary}\n\n${command.help}\n`);
      return 0;
    }
    await command.run(args, processIo(flag(args, 'quiet')));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    // A fault of Loupe's own: still one line, with the stack only when asked for.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`loupe: internal error: ${message} — this is a bug in Loupe; run again with LOUPE_DEBUG=1 for details and report it\n`);
    if (process.env.LOUPE_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
