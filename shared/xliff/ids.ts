/**
 * Segment ids: `<file>/<unit>/<segment>`, each part the id as written in the file with `%`, `/` and `#`
 * percent-encoded (`%25`, `%2F`, `%23`). A part the file does not give is `#` and its position from 1
 * (`#2`: the second segment of its unit); a part given twice in the same scope gets `#` and its
 * occurrence (`u1#2`: the second unit with id "u1" in its file). Real ids never hold a bare `#`, so
 * the parts cannot collide, and the same bytes always give the same ids.
 */

function escapeIdPart(value: string): string {
  return value.replace(/[%/#]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Gives each part of one scope (the files of a document, the units of a file…) a unique name. */
export class IdScope {
  private readonly seen = new Map<string, number>();
  private position = 0;

  next(raw: string | null): string {
    this.position += 1;
    if (raw === null || raw === '') return `#${this.position}`;
    const part = escapeIdPart(raw);
    const count = (this.seen.get(part) ?? 0) + 1;
    this.seen.set(part, count);
    return count === 1 ? part : `${part}#${count}`;
  }
}

export function segmentId(file: string, unit: string, segment: string): string {
  return `${file}/${unit}/${segment}`;
}
