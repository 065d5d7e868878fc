/** Where a command's words go: data on stdout, everything for people on stderr. */
export interface Io {
  /** The answer asked for (rows, a summary, a document's bytes): stdout. */
  out(data: string | Uint8Array): void;
  /** What was done, for people: stderr; not with --quiet. */
  note(line: string): void;
  /** What a person must know even with --quiet (warnings, conflicts): stderr. */
  warn(line: string): void;
  /** A progress line for long work; silent with --quiet. */
  progress(label: string): Progress;
  /** For work that cannot count its steps (writing or checking a whole file): "label…" on a terminal until ended. */
  busy(label: string): { end(): void };
}

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

/** Work shorter than this shows no progress at all. */
const QUIET_START_MS = 400;
/** A terminal line is redrawn at most this often; a log (stderr not a terminal) gets a line at most this often. */
const TTY_EVERY_MS = 100;
const LOG_EVERY_MS = 2000;

const SILENT: Progress = { update: () => undefined, end: () => undefined };

/**
 * A percentage on stderr: one line updated in place on a terminal, an occasional plain line in a log,
 * so that a pipeline's log gets a few lines for 100,000 items rather than thousands.
 */
function stderrProgress(label: string, stream: NodeJS.WriteStream, now: () => number): Progress {
  const started = now();
  let last = started;
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total <= 0) return;
      const t = now();
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (t - started < QUIET_START_MS || percent === shown) return;
      if (stream.isTTY) {
        if (t - last < TTY_EVERY_MS && drawn) return;
        stream.write(`\r\x1b[K${label} ${percent}%`);
        drawn = true;
      } else {
        if (t - last < LOG_EVERY_MS) return;
        stream.write(`${label} ${percent}%\n`);
      }
      last = t;
      shown = percent;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

export function processIo(quiet: boolean): Io {
  return {
    out: (data) => void process.stdout.write(data),
    note: (line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    },
    warn: (line) => void process.stderr.write(`${line}\n`),
    progress: (label) => (quiet ? SILENT : stderrProgress(label, process.stderr, () => performance.now())),
    busy: (label) => {
      if (quiet || !process.stderr.isTTY) return SILENT;
      process.stderr.write(`\r\x1b[K${label}…`);
      return { end: () => void process.stderr.write('\r\x1b[K') };
    },
  };
}
