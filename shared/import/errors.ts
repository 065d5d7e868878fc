import { z } from 'zod';

/**
 * A problem found in an imported file, located as precisely as the file allows. `message` is complete on
 * its own (file, line, what is wrong, what to do), so a UI or the CLI can show it as it is.
 */
export const ImportError = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  /** The path of the value: a JSON path such as `output.code`, which is also the CSV column name. */
  field: z.string().optional(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

/** Something worth knowing that did not stop the import (an ignored column, say); same shape as an error. */
export type ImportWarning = ImportError;

/** Beyond this many, a person fixes the first ones and tries again; the rest are only counted. */
const MAX_REPORTED = 20;

function where(file: string, line?: number): string {
  return line === undefined ? file : `${file} line ${line}`;
}

/** Collects problems, keeping the first `MAX_REPORTED` and counting the others. */
export class Problems {
  private readonly kept: ImportError[] = [];
  private total = 0;

  constructor(readonly file: string) {}

  add(problem: string, line?: number, field?: string): void {
    this.total += 1;
    if (this.kept.length < MAX_REPORTED) {
      this.kept.push({ file: this.file, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }), message: `${where(this.file, line)}: ${problem}` });
    }
  }

  get count(): number {
    return this.total;
  }

  /** The kept problems, then one line saying how many more there were. */
  list(): ImportError[] {
    const more = this.total - this.kept.length;
    return more > 0 ? [...this.kept, { file: this.file, message: `${this.file}: … and ${more} more` }] : [...this.kept];
  }
}

/**
 * Warnings about one thing repeated on many lines (an unknown key, say) are given once, with the first
 * line and how many lines have it.
 */
export class Notices {
  private readonly byKey = new Map<string, { line: number | undefined; field: string | undefined; count: number; text: string }>();

  constructor(readonly file: string) {}

  add(key: string, text: string, line?: number, field?: string): void {
    const seen = this.byKey.get(key);
    if (seen) seen.count += 1;
    else this.byKey.set(key, { line, field, count: 1, text });
  }

  list(): ImportWarning[] {
    return [...this.byKey.values()].slice(0, MAX_REPORTED).map(({ line, field, count, text }) => ({
      file: this.file,
      ...(line === undefined ? {} : { line }),
      ...(field === undefined ? {} : { field }),
      message: `${where(this.file, line)}: ${text}${count > 1 ? ` (also on ${count - 1} more line${count > 2 ? 's' : ''})` : ''}`,
    }));
  }
}
