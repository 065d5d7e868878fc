import type { FieldValue } from '../../shared/domain';

export interface ValueWords {
  empty: string;
  yes: string;
  no: string;
}

/** A field value as plain text, for display (never as markup). */
export function valueText(v: FieldValue | undefined, words: ValueWords): string {
  if (v === null || v === undefined) return words.empty;
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (Array.isArray(v)) return v.length ? v.join(', ') : words.empty;
  if (typeof v === 'string' && v === '') return words.empty;
  return String(v);
}

export function asText(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/**
 * Whether an image source may be shown: only images carried by the batch itself (data: URLs and blob:
 * URLs made from its attachments, or a relative attachment path). Nothing is fetched from a remote host
 * (BRIEF 5: no remote content).
 */
export function isSafeImageSource(src: string): boolean {
  const s = src.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/iu.test(s)) return true;
  if (/^blob:/iu.test(s)) return true;
  return /^(?![a-z][a-z0-9+.-]*:)(?!\/\/)(?!\/)[\w\-./ %]+$/iu.test(s) && !s.includes('..');
}

/** Active time as people say it: "45 s", "3 min 05 s", "1 h 02 min". */
export function durationParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
