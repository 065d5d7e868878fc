import { parseGlossary, type Glossary, type ParseGlossaryResult } from '../../shared/qa';
import type { LoupeDatabase } from './database';

/**
 * A batch's glossary is an attachment under this folder (`glossary/<file name>`), so it travels inside the
 * `.loupe` files handed out like the batch's other attachments, and the review screen finds it there.
 */
export const GLOSSARY_FOLDER = 'glossary/';

const range = (batchId: string) => [
  [batchId, GLOSSARY_FOLDER],
  [batchId, `${GLOSSARY_FOLDER}\uffff`],
] as const;

/** A file name as one segment of an attachment path, which a `.loupe` file can hold (docs/batch-format.md). */
function attachmentName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const name = fileName.replace(/[\\/:\u0000-\u001f\u007f]+/gu, '_').trim();
  return name === '' || name === '.' || name === '..' ? 'glossary.tsv' : name;
}

/** A glossary file's bytes read as `parseGlossary` reads text: UTF-8, refused whole with what to do. */
export function readGlossaryBytes(bytes: Uint8Array, fileName: string): ParseGlossaryResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ line: null, message: `${fileName}: is not UTF-8 text — save it as UTF-8 (tab-separated text or CSV) in the tool that made it, then attach it again.` }] };
  }
  return parseGlossary(text, fileName);
}

export interface StoredGlossary {
  fileName: string;
  /** What reading it gave: the glossary, or every line that could not be read. */
  read: ParseGlossaryResult;
}

/**
 * The batch's glossary, or null when it has none. Should a batch hold several (revisions of a batch file
 * each bringing one under another name), their terms are used together and a file that cannot be read
 * reports its lines.
 */
export async function loadGlossary(db: LoupeDatabase, batchId: string): Promise<StoredGlossary | null> {
  const [from, to] = range(batchId);
  const rows = await db.attachments.where('[batchId+path]').between(from, to).toArray();
  if (rows.length === 0) return null;
  const reads = rows.map((r) => readGlossaryBytes(r.bytes, r.path.slice(GLOSSARY_FOLDER.length)));
  const fileName = rows.map((r) => r.path.slice(GLOSSARY_FOLDER.length)).join(', ');
  const errors = reads.flatMap((r) => (r.ok ? [] : r.errors));
  if (errors.length > 0) return { fileName, read: { ok: false, errors } };
  const glossaries = reads.flatMap((r): Glossary[] => (r.ok ? [r.glossary] : []));
  return { fileName, read: { ok: true, glossary: { name: fileName, entries: glossaries.flatMap((g) => g.entries) } } };
}

/**
 * Attaches a glossary to a batch in place of the one it had, or changes nothing and gives the reasons when
 * the file cannot be read as a glossary.
 */
export async function attachGlossary(db: LoupeDatabase, batchId: string, fileName: string, bytes: Uint8Array): Promise<ParseGlossaryResult> {
  const name = attachmentName(fileName);
  const read = readGlossaryBytes(bytes, name);
  if (!read.ok) return read;
  const [from, to] = range(batchId);
  await db.transaction('rw', db.attachments, async () => {
    await db.attachments.where('[batchId+path]').between(from, to).delete();
    await db.attachments.put({ batchId, path: `${GLOSSARY_FOLDER}${name}`, bytes });
  });
  return read;
}

/** Takes the batch's glossary away: files handed out from now on carry none. */
export async function removeGlossary(db: LoupeDatabase, batchId: string): Promise<void> {
  const [from, to] = range(batchId);
  await db.attachments.where('[batchId+path]').between(from, to).delete();
}
