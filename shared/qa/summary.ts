import { QaCheckId, QaOverride, type QaFinding, type QaSummary } from './model';

/** Whether an override answers a finding: the same rule about the same thing. */
function answers(override: QaOverride, finding: QaFinding): boolean {
  return override.rule === finding.rule && override.key === finding.key;
}

/** The errors no override answers: while there are any, the segment cannot be confirmed. */
export function unresolvedErrors(findings: readonly QaFinding[], overrides: readonly QaOverride[] = []): QaFinding[] {
  return findings.filter((f) => f.level === 'error' && !overrides.some((o) => answers(o, f)));
}

export function qaSummary(findings: readonly QaFinding[], overrides: readonly QaOverride[] = []): QaSummary {
  const errors = findings.filter((f) => f.level === 'error');
  const unresolved = unresolvedErrors(errors, overrides);
  const checks = new Set(findings.map((f) => f.check));
  return {
    errors: unresolved.length,
    warnings: findings.length - errors.length,
    overridden: errors.length - unresolved.length,
    checks: QaCheckId.options.filter((c) => checks.has(c)),
  };
}

export type OverrideResult = { ok: true; override: QaOverride } | { ok: false; message: string };

/** The override of a finding with the reviewer's reason; refused, with what to do, when the reason is blank. */
export function overrideFinding(finding: QaFinding, reason: string): OverrideResult {
  const parsed = QaOverride.safeParse({ rule: finding.rule, key: finding.key, message: finding.message, reason });
  return parsed.success ? { ok: true, override: parsed.data } : { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
}
