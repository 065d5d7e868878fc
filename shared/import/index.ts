export { detectFormat, type DetectedFormat } from './detect';
export { parseAiOutput, type ParseOptions, type ParseResult } from './parse';
export type { ParsedRecord } from './records';
export { parseSchemaFile, type SchemaFileResult } from './schema-file';
export { schemaId, sha256Hex, canonicalJson } from './digest';
export { ImportError, type ImportWarning } from './errors';
export { LABELS_SEPARATOR, cellText } from './values';
export { csvLine } from './csv';
export { taskSchemaJsonSchema } from './json-schema';
