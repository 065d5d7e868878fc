import { z } from 'zod';

/** An error blocks confirming until the reviewer overrides it with a reason; a warning only informs. */
export const QaLevel = z.enum(['error', 'warning']);
export type QaLevel = z.infer<typeof QaLevel>;

/** The checks, in the order they run and report; a configuration turns them on and off by these ids. */
export const QaCheckId = z.enum([
  'empty',
  'codes',
  'placeholders',
  'numbers',
  'terminology',
  'length',
  'untranslated',
  'whitespace',
  'double-spaces',
  'punctuation',
]);
export type QaCheckId = z.infer<typeof QaCheckId>;

/** What exactly a finding is about: stable ids, each under its check's id, for filters and overrides. */
export const QaRule = z.enum([
  'empty',
  'codes.missing',
  'codes.extra',
  'codes.nesting',
  'codes.order',
  'placeholders.missing',
  'placeholders.extra',
  'placeholders.order',
  'placeholders.syntax',
  'placeholders.plural-forms',
  'numbers.missing',
  'numbers.extra',
  'terminology.forbidden',
  'terminology.missing',
  'length.max',
  'length.min',
  'length.encoding',
  'untranslated',
  'whitespace.leading',
  'whitespace.trailing',
  'double-spaces',
  'punctuation.end',
  'punctuation.inverted',
]);
export type QaRule = z.infer<typeof QaRule>;

/** The level of each rule when the configuration does not say otherwise (docs/qa.md explains each). */
export const DEFAULT_LEVELS: Readonly<Record<QaRule, QaLevel>> = {
  empty: 'error',
  'codes.missing': 'error',
  'codes.extra': 'error',
  'codes.nesting': 'error',
  'codes.order': 'warning',
  'placeholders.missing': 'error',
  'placeholders.extra': 'error',
  'placeholders.order': 'error',
  'placeholders.syntax': 'error',
  'placeholders.plural-forms': 'warning',
  'numbers.missing': 'error',
  'numbers.extra': 'warning',
  'terminology.forbidden': 'error',
  'terminology.missing': 'warning',
  'length.max': 'error',
  'length.min': 'warning',
  'length.encoding': 'warning',
  untranslated: 'warning',
  'whitespace.leading': 'warning',
  'whitespace.trailing': 'warning',
  'double-spaces': 'warning',
  'punctuation.end': 'warning',
  'punctuation.inverted': 'warning',
};

/**
 * A range of a field's text as stored, placeholders included: UTF-16 offsets, `end` exclusive — what
 * a JavaScript string, a textarea's selection and the editor count in.
 */
export const QaSpan = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.start <= s.end, 'a span ends where it starts or after');
export type QaSpan = z.infer<typeof QaSpan>;

export const QaFinding = z.object({
  check: QaCheckId,
  rule: QaRule,
  level: QaLevel,
  /** Names what the finding is about within its rule ("⟨/1⟩", "%s", "1000.5", a term), so an override still fits after unrelated edits. */
  key: z.string(),
  /** For the reviewer: what is wrong and what to do. */
  message: z.string().min(1),
  /** Where in the target (may be empty: a missing code has no place there). */
  target: z.array(QaSpan),
  /** Where in the source, when that helps (the code or number that is missing). */
  source: z.array(QaSpan),
});
export type QaFinding = z.infer<typeof QaFinding>;

/** What a check reports; the runner adds the check and the level the configuration gives. */
export type QaDraft = Omit<QaFinding, 'check' | 'level'>;

/** A check or rule switched off, or all its findings at one level. */
export const QaSetting = z.enum(['off', 'error', 'warning']);
export type QaSetting = z.infer<typeof QaSetting>;

/**
 * Which checks run and at which levels. A check not named runs with its rules' default levels; a rule's
 * setting wins over its check's.
 */
export const QaConfig = z.object({
  checks: z.partialRecord(QaCheckId, QaSetting).default({}),
  rules: z.partialRecord(QaRule, QaSetting).default({}),
});
export type QaConfig = z.infer<typeof QaConfig>;
export type QaConfigInput = z.input<typeof QaConfig>;

/**
 * A reviewer confirming a segment despite an error: which finding (rule and key), the message they were
 * shown, and why. Recorded with the review, so the audit trail says what was overridden and why.
 */
export const QaOverride = z.object({
  rule: QaRule,
  key: z.string(),
  message: z.string().min(1),
  reason: z.string().trim().min(1, 'an override needs a reason: say why the segment is right despite the error'),
});
export type QaOverride = z.infer<typeof QaOverride>;

/** One segment's QA result at a glance: what the queue, filters and search show. */
export const QaSummary = z.object({
  /** Errors not overridden: confirming is blocked while there are any. */
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  /** Errors the reviewer overrode with a reason. */
  overridden: z.number().int().nonnegative(),
  /** The checks that found something, in check order. */
  checks: z.array(QaCheckId),
});
export type QaSummary = z.infer<typeof QaSummary>;
