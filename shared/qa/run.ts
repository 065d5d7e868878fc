import { checkCodes } from './codes';
import { checkEmpty } from './empty';
import type { Glossary } from './glossary';
import { checkLength } from './length';
import { DEFAULT_LEVELS, QaCheckId, QaConfig, type QaConfigInput, type QaDraft, type QaFinding } from './model';
import { checkNumbers } from './numbers';
import { checkPlaceholders } from './placeholders';
import { checkPunctuation } from './punctuation';
import { prepare, type Prepared, type QaSegment } from './segment';
import { checkTerminology } from './terminology';
import { isBlank } from './text';
import { checkUntranslated } from './untranslated';
import { checkDoubleSpaces, checkWhitespace } from './whitespace';

const CHECKS: Record<QaCheckId, (p: Prepared) => QaDraft[]> = {
  empty: checkEmpty,
  codes: checkCodes,
  placeholders: checkPlaceholders,
  numbers: checkNumbers,
  terminology: checkTerminology,
  length: checkLength,
  untranslated: checkUntranslated,
  whitespace: checkWhitespace,
  'double-spaces': checkDoubleSpaces,
  punctuation: checkPunctuation,
};

export interface QaOptions {
  /** Which checks run and at which levels; all, at their default levels, when not given. */
  config?: QaConfigInput;
  /** The glossary for the terminology check, which finds nothing without one. */
  glossary?: Glossary | null;
}

function run(checks: readonly QaCheckId[], segment: QaSegment, options: QaOptions): QaFinding[] {
  const config = QaConfig.parse(options.config ?? {});
  const p = prepare(segment, options.glossary ?? null);
  // An empty target is one finding, not one per code, number and term it lacks.
  const blank = isBlank(p.target);
  const ruleOn = (check: QaCheckId) => Object.entries(config.rules).some(([rule, setting]) => setting !== 'off' && (rule === check || rule.startsWith(`${check}.`)));
  return checks.flatMap((check) => {
    if ((config.checks[check] === 'off' && !ruleOn(check)) || (blank && check !== 'empty')) return [];
    return CHECKS[check](p).flatMap((draft): QaFinding[] => {
      const setting = config.rules[draft.rule] ?? config.checks[check];
      if (setting === 'off') return [];
      return [{ check, level: setting ?? DEFAULT_LEVELS[draft.rule], ...draft }];
    });
  });
}

/** Every check the configuration leaves on, in check order, for one segment. */
export function runQa(segment: QaSegment, options: QaOptions = {}): QaFinding[] {
  return run(QaCheckId.options, segment, options);
}

/** One check alone (with the configuration's levels), as the screen runs it on demand. */
export function runCheck(check: QaCheckId, segment: QaSegment, options: QaOptions = {}): QaFinding[] {
  return run([check], segment, options);
}
