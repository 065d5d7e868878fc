import enDe from './data/post-editing-en-de.jsonl?raw';
import enDeSchema from './data/post-editing-en-de.schema.json?raw';
import triage from './data/clinical-triage.jsonl?raw';
import triageSchema from './data/clinical-triage.schema.json?raw';

/** A demo batch as files, imported on first start like any AI output with its schema file. */
export interface DemoSource {
  fileName: string;
  text: string;
  schemaText: string;
  name: string;
}

/** Bundled with the app (origin and licences: ATTRIBUTION.md). */
export const demoSources: ReadonlyArray<DemoSource> = [
  { fileName: 'post-editing-en-de.jsonl', text: enDe, schemaText: enDeSchema, name: 'Demo: post-editing English → German' },
  { fileName: 'clinical-triage.jsonl', text: triage, schemaText: triageSchema, name: 'Demo: emergency triage (synthetic cases)' },
];
