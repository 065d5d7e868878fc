import { z } from 'zod';

/** Kinds of field the AI produces and the reviewer may correct (BRIEF 1). */
export const FieldKind = z.enum(['text', 'longtext', 'label', 'labels', 'number', 'boolean']);
export type FieldKind = z.infer<typeof FieldKind>;

/** Context is read-only; besides the field kinds it may hold images (a data: URL or an attachment path). */
export const ContextKind = z.enum(['text', 'longtext', 'label', 'labels', 'number', 'boolean', 'image']);
export type ContextKind = z.infer<typeof ContextKind>;

const fieldName = z
  .string()
  .min(1, 'a field needs a name')
  .max(200)
  .regex(/^[^.\s][^\s]*$/u, 'a field name has no spaces and does not start with a dot');

/** BCP 47 tag, as written in XLIFF and HTML `lang`. */
const languageTag = z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/u, 'a language tag such as "de" or "pt-BR"');

export const OutputField = z
  .object({
    name: fieldName,
    label: z.string().max(200).optional(),
    kind: FieldKind,
    /** The choices of a `label` or `labels` field (e.g. diagnosis codes). */
    options: z.array(z.string().min(1)).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    lang: languageTag.optional(),
    dir: z.enum(['ltr', 'rtl', 'auto']).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.kind === 'label' || f.kind === 'labels') && (!f.options || f.options.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `field "${f.name}" is a ${f.kind} field and needs a list of options` });
    }
  });
export type OutputField = z.infer<typeof OutputField>;

export const ContextField = z.object({
  name: fieldName,
  label: z.string().max(200).optional(),
  kind: ContextKind,
  lang: languageTag.optional(),
  dir: z.enum(['ltr', 'rtl', 'auto']).optional(),
});
export type ContextField = z.infer<typeof ContextField>;

export const ReasonCode = z.object({
  code: z.string().min(1).max(100),
  label: z.string().min(1).max(300),
});
export type ReasonCode = z.infer<typeof ReasonCode>;

/** What the AI produced and what the reviewer may correct, as named fields (BRIEF 1). */
export const TaskSchema = z
  .object({
    name: z.string().min(1).max(300),
    fields: z.array(OutputField).min(1, 'a schema needs at least one output field'),
    context: z.array(ContextField).default([]),
    instructions: z.string().max(100_000).optional(),
    reasonCodes: z.array(ReasonCode).default([]),
    /** Clinical work: overriding the AI must come with a reason code. */
    requireReasonOnOverride: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `field "${f.name}" is named twice` });
      seen.add(f.name);
    });
    const seenContext = new Set<string>();
    s.context.forEach((f, i) => {
      if (seenContext.has(f.name)) ctx.addIssue({ code: 'custom', path: ['context', i, 'name'], message: `context field "${f.name}" is named twice` });
      seenContext.add(f.name);
    });
  });
export type TaskSchema = z.infer<typeof TaskSchema>;
/** A schema as written in a file, before defaults are applied. */
export type TaskSchemaInput = z.input<typeof TaskSchema>;

export function isTextKind(kind: FieldKind | ContextKind): kind is 'text' | 'longtext' {
  return kind === 'text' || kind === 'longtext';
}

export function fieldLabel(f: { name: string; label?: string | undefined }): string {
  return f.label ?? f.name;
}
