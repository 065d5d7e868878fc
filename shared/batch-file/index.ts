/**
 * `.loupe` batch files and `.loupe-result` result files (BRIEF 3.2; docs/batch-format.md): writing,
 * reading without trusting, signing, encryption, and merging results.
 */
export { writeBatchFile, readBatchFile, type BatchFileInput, type BatchFileContents, type ReadBatchResult } from './batch';
export { writeResultFile, readResultFile, type ResultFileInput, type ResultFileContents, type ReadResultFileResult } from './result';
export { mergeResults, type MergeSource, type MergeOutcome, type Conflict, type SettledConflict, type ConflictPair, type ConflictDifference, type MergeProblem } from './merge';
export type { ReadOptions, Trust, Signer, WriteSecurity } from './container';
export { BatchFileWriteError, type BatchFileError, type BatchFileErrorKind } from './errors';
export {
  DEFAULT_LIMITS,
  MAX_ENTRIES,
  MAX_TOTAL_BYTES,
  MAX_RATIO,
  RATIO_FREE_BYTES,
  MAX_MANIFEST_BYTES,
  MAX_NAME_BYTES,
  MAX_FILE_BYTES,
  MAX_SIGNATURE_BYTES,
  type Limits,
} from './limits';
export {
  FORMAT_VERSION,
  FORMAT_MAJOR,
  FORMAT_MINOR,
  MIN_LOUPE_VERSION,
  BATCH_FORMAT,
  RESULT_FORMAT,
  BATCH_MEDIA_TYPE,
  RESULT_MEDIA_TYPE,
  PART,
  BatchManifest,
  ResultManifest,
  ItemLine,
  AttachmentLine,
  ResultEvent,
  ResultReview,
  SignatureFile,
  PartDigest,
  ManifestReviewer,
} from './manifest';
export {
  generateSigningKey,
  generateEncryptionKey,
  publicKeyOf,
  fingerprint,
  isSigningPublicKey,
  isSigningPrivateKey,
  isEncryptionPublicKey,
  isEncryptionPrivateKey,
  keyFileText,
  readKeyFile,
  KeyFile,
  type KeyFileResult,
  type SigningPublicKey,
  type SigningPrivateKey,
  type EncryptionPublicKey,
  type EncryptionPrivateKey,
  type PublicKey,
  type PrivateKey,
  type SigningKeyPair,
  type EncryptionKeyPair,
} from './keys';
export { isEnvelope as isEncryptedLoupeFile, envelopeInfo as encryptedFileInfo } from './envelope';
export { BATCH_FILE_JSON_SCHEMAS, jsonSchemaText } from './json-schemas';
