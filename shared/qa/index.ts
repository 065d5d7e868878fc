/**
 * QA checks for post-edited translations (docs/qa.md): inline codes, placeholders, numbers,
 * terminology, length limits, untranslated and empty targets, white space and punctuation, each
 * finding with a level, a stable rule id, a message and where it is. Pure TypeScript: the same in the
 * browser, Electron and Node.
 */
export {
  QaLevel,
  QaCheckId,
  QaRule,
  QaSpan,
  QaFinding,
  QaSetting,
  QaConfig,
  QaOverride,
  QaSummary,
  DEFAULT_LEVELS,
  type QaConfigInput,
} from './model';
export { runQa, runCheck, type QaOptions } from './run';
export { qaSegmentOf, type QaSegment } from './segment';
export { qaSummary, unresolvedErrors, overrideFinding, type OverrideResult } from './summary';
export { parseGlossary, Glossary, GlossaryEntry, GlossaryStatus, type GlossaryError, type ParseGlossaryResult } from './glossary';
