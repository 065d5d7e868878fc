import { z } from 'zod';
import { TaskSchema } from '../domain';
import { EDITOR_KEY } from './schema-file';
import { LABELS_SEPARATOR } from './values';

type Json = Record<string, unknown>;

/** Every object closed to unknown keys, as `parseSchemaFile` is. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closeObjects(v)]));
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** The rules zod checks in code (`superRefine`) and JSON Schema can say too. */
const LABEL_RULES = {
  allOf: [
    {
      if: { properties: { kind: { enum: ['label', 'labels'] } }, required: ['kind'] },
      then: { required: ['options'], properties: { options: { minItems: 1 } } },
    },
    {
      if: { properties: { kind: { const: 'labels' } }, required: ['kind'] },
      then: { properties: { options: { items: { not: { pattern: `\\${LABELS_SEPARATOR}` } } } } },
    },
  ],
};

/**
 * The JSON Schema of a schema file (docs/schemas/task-schema.schema.json), generated from the zod
 * schema so that the two cannot drift; a unit test compares it with the committed file.
 */
export function taskSchemaJsonSchema(): Json {
  const generated = closeObjects(z.toJSONSchema(TaskSchema, { io: 'input' })) as Json;
  const properties = generated.properties as Json;
  const fields = properties.fields as Json;
  return {
    $schema: generated.$schema,
    title: 'Loupe task schema',
    description: 'What the AI produced and what the reviewer may correct, as named fields. See docs/schema-format.md.',
    ...generated,
    properties: {
      [EDITOR_KEY]: { type: 'string', description: 'Where an editor finds this JSON Schema; ignored by Loupe.' },
      ...properties,
      fields: { ...fields, items: { ...(fields.items as Json), ...LABEL_RULES } },
    },
  };
}
