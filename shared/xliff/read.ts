import { decodeXml } from './encoding';
import { XliffRefusal, xliffError, xliffWarning, type XliffError, type XliffWarning } from './errors';
import { rememberLayout, type Layout } from './layout';
import type { XliffDocument, XliffVersion } from './model';
import { read12 } from './read12';
import { read20 } from './read20';
import { Reader } from './reader';
import type { XmlDoc } from './tree';
import { parseXml, positionOf } from './xml';

const NS_12 = 'urn:oasis:names:tc:xliff:document:1.2';
const NS_20 = 'urn:oasis:names:tc:xliff:document:2.0';
// 2.1 kept 2.0's namespace; 2.2 has its own.
const NS_22 = 'urn:oasis:names:tc:xliff:document:2.2';

function detectVersion(xml: XmlDoc, reader: { fileName: string; warnings: XliffWarning[] }): { version: XliffVersion; ns: string } {
  const root = xml.root;
  const where = positionOf(xml, xml.start(root));
  const version = xml.attr(root, 'version');
  const local = xml.local(root);
  const uri = xml.uri(root);
  const unsupported = (named: string) =>
    new XliffRefusal(
      xliffError('version', reader.fileName, where, `is XLIFF ${named}, which Loupe does not read (it reads XLIFF 1.2 and 2.0–2.2)`, 'export the file as XLIFF 1.2 or 2.x from the tool that made it, then import it again'),
    );
  if (local !== 'xliff') {
    throw new XliffRefusal(xliffError('not-xliff', reader.fileName, where, `is XML but not XLIFF: its root element is <${xml.name(root)}>, not <xliff>`, 'pick an XLIFF file (.xlf, .xliff) exported from your translation tool'));
  }
  if (uri === NS_12) return { version: '1.2', ns: NS_12 };
  if (uri === NS_20 || uri === NS_22) {
    const known: readonly XliffVersion[] = uri === NS_22 ? ['2.2'] : ['2.0', '2.1', '2.2'];
    // The version is required; without one, the namespace says which.
    const stated = known.find((v) => v === (version ?? known[0]));
    if (!stated) throw unsupported(version ?? '');
    return { version: stated, ns: uri };
  }
  if (uri === '' && version === '1.2') {
    // Some older tools write 1.2 without its namespace; the elements are the same.
    reader.warnings.push(xliffWarning(reader.fileName, where, 'declares XLIFF 1.2 without its namespace; it was read as XLIFF 1.2'));
    return { version: '1.2', ns: '' };
  }
  if (uri.startsWith('urn:oasis:names:tc:xliff:document:')) throw unsupported(uri.slice('urn:oasis:names:tc:xliff:document:'.length));
  if (uri === '' && version !== null) throw unsupported(version);
  throw new XliffRefusal(
    xliffError('not-xliff', reader.fileName, where, `has an <xliff> root element in the namespace "${uri}", which is not XLIFF's`, 'pick an XLIFF file (.xlf, .xliff) exported from your translation tool'),
  );
}

/** Reads and keeps the layout for writing; throws XliffRefusal. */
export function parseDocument(bytes: Uint8Array, fileName: string): { document: XliffDocument; layout: Layout } {
  const warnings: XliffWarning[] = [];
  const decoded = decodeXml(bytes, fileName, warnings);
  const xml = parseXml(decoded.text, fileName);
  const { version, ns } = detectVersion(xml, { fileName, warnings });
  const reader = new Reader(fileName, xml, ns, warnings);
  if (version === '1.2') read12(reader);
  else read20(reader);
  const document: XliffDocument = { fileName, version, encoding: decoded.encoding, bom: decoded.bom, bytes, text: decoded.text, segments: reader.segments, warnings };
  const layout: Layout = { xml, segments: reader.layouts };
  rememberLayout(document, layout);
  return { document, layout };
}

export type ReadXliffResult = { ok: true; document: XliffDocument } | { ok: false; error: XliffError };

/**
 * Reads an XLIFF 1.2 or 2.0–2.2 document from its bytes. Never throws: an error says what is wrong,
 * where (line and column) and what to do. The document keeps its bytes and text for `writeXliff`.
 */
export function readXliff(bytes: Uint8Array, fileName = 'XLIFF file'): ReadXliffResult {
  try {
    return { ok: true, document: parseDocument(bytes, fileName).document };
  } catch (e) {
    if (e instanceof XliffRefusal) return { ok: false, error: e.error };
    throw e;
  }
}
