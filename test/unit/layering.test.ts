// The layer rules of eslint.config.js, proven on small snippets: each rule must still report a crossing,
// and code that keeps to its layer must stay clean. Without this a typo in the config could switch a rule
// off and `eslint .` would keep passing.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rule ids reported for `code` as if it were the file `filePath` of this project. */
async function reported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.map((m) => m.ruleId ?? 'fatal');
}

const importing = (source: string) => `import * as m from '${source}';\nexport const used = m;\n`;

const crossings: Array<[file: string, source: string]> = [
  ['shared/review/x.ts', '../../renderer/storage'],
  ['shared/x.ts', '../renderer/storage/database'],
  ['shared/review/x.ts', '../../electron/main/index'],
  ['shared/review/x.ts', '../../server/routes'],
  ['shared/review/x.ts', '../../cli/commands/export'],
  ['shared/review/x.ts', 'electron'],
  ['shared/review/x.ts', 'node:fs'],
  ['shared/review/x.ts', 'fs'],
  ['shared/review/x.ts', 'path'],
  ['shared/review/x.ts', 'node:crypto'],
  ['shared/review/x.ts', '#platform'],
  ['renderer/review/x.ts', '../../electron/preload'],
  ['renderer/x.ts', '../electron/main'],
  ['renderer/review/x.ts', '../../server/app'],
  ['renderer/review/x.ts', '../../cli/main'],
  ['renderer/review/x.ts', 'electron'],
  ['renderer/review/x.ts', 'node:path'],
  ['renderer/review/x.ts', 'fs/promises'],
  ['electron/main/x.ts', '../../renderer/storage'],
  ['electron/main/x.ts', '../../server/app'],
  ['electron/main/x.ts', '../../cli/main'],
  ['server/x.ts', '../renderer/storage'],
  ['server/routes/x.ts', '../../electron/main/ipc'],
  ['cli/commands/x.ts', '../../renderer/storage'],
  ['cli/commands/x.ts', '../../electron/main'],
];

const allowed: Array<[file: string, source: string]> = [
  ['shared/review/x.ts', '../domain'],
  ['shared/review/x.ts', 'zod'],
  ['renderer/review/x.ts', '../../shared/domain'],
  ['renderer/review/x.ts', '../storage'],
  ['renderer/review/x.ts', 'dexie'],
  // A renderer file that is merely named after a layer is not that layer.
  ['renderer/platform/index.ts', './electron'],
  ['renderer/review/x.ts', '#platform'],
  ['electron/main/x.ts', '../../shared/domain'],
  ['electron/main/x.ts', 'electron'],
  ['electron/main/x.ts', 'node:path'],
  ['server/x.ts', '../shared/domain'],
  ['server/x.ts', 'node:http'],
  ['cli/commands/x.ts', '../../shared/domain'],
  ['cli/commands/x.ts', '../../server/app'],
];

describe('imports between layers', () => {
  it.each(crossings)('%s may not import %s', async (file, source) => {
    expect(await reported(file, importing(source))).toContain('no-restricted-imports');
  });

  it.each(allowed)('%s may import %s', async (file, source) => {
    expect(await reported(file, importing(source))).not.toContain('no-restricted-imports');
  });

  it('catches re-exports from another layer too', async () => {
    expect(await reported('shared/x.ts', "export * from '../renderer/storage';\n")).toContain('no-restricted-imports');
    expect(await reported('shared/x.ts', "export { a } from '../renderer/storage';\n")).toContain('no-restricted-imports');
  });

  it.each([
    ['shared/x.ts', "export const load = () => import('../renderer/storage');\n"],
    ['renderer/review/x.ts', "export const load = () => import('node:fs');\n"],
    ['electron/main/x.ts', "export const load = () => require('../../renderer/storage');\n"],
  ])('catches a dynamic import or require in %s', async (file, code) => {
    expect(await reported(file, code)).toContain('loupe/no-restricted-dynamic-imports');
  });

  it('leaves dynamic imports within a layer alone', async () => {
    expect(await reported('renderer/review/x.ts', "export const load = () => import('../storage');\n")).toEqual([]);
  });

  it('catches type-only imports (a type from a layer ties the layers together as well)', async () => {
    expect(await reported('shared/x.ts', "import type { LoupeDatabase } from '../renderer/storage';\nexport type D = LoupeDatabase;\n")).toContain(
      'no-restricted-imports',
    );
  });
});

describe('globals in shared/', () => {
  const platformGlobals = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'indexedDB', 'location', 'process', 'Buffer'];

  it.each(platformGlobals)('shared/ may not use %s', async (name) => {
    expect(await reported('shared/x.ts', `export const x = ${name};\n`)).toContain('no-restricted-globals');
  });

  it('the same globals are fine in renderer/ and outside the layers', async () => {
    expect(await reported('renderer/x.ts', 'export const x = [window, document, localStorage, indexedDB];\n')).not.toContain('no-restricted-globals');
    expect(await reported('server/x.ts', 'export const x = process.env;\n')).not.toContain('no-restricted-globals');
  });

  it('universal globals are fine in shared/', async () => {
    const code = 'export const x = [crypto.randomUUID(), new TextEncoder(), new TextDecoder(), structuredClone({}), setTimeout, queueMicrotask];\nconsole.log(x);\n';
    expect(await reported('shared/x.ts', code)).toEqual([]);
  });

  it('a local binding that shadows a platform name is not the global', async () => {
    expect(await reported('shared/x.ts', 'export function f(document: string) {\n  return document.length;\n}\n')).toEqual([]);
  });
});
