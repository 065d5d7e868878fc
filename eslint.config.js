// ESLint flat config. Besides typescript-eslint's recommended rules it keeps the layers honest (STYLE.md):
// code is sorted by where it may run, and an import across layers fails the lint instead of waiting for a
// review.
//
//   shared/    pure TypeScript: no DOM, no Node, no Electron, no other layer
//   renderer/  the browser side: no Node, no Electron, no main process, server or CLI
//   electron/  the main process and preload: not the renderer, server or CLI
//   server/    the sync server: not the renderer or Electron
//   cli/       the command line: not the renderer or Electron
//
// Imports are matched by any path segment that names a layer folder (`../../renderer/storage`,
// `renderer/review`), so it does not matter how deep the importing file sits. A file that merely has a
// layer's name (`renderer/platform/electron.ts`, imported as `./electron`) is not a layer and is allowed.
// test/unit/layering.test.ts proves that every rule here still reports what it should.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A pattern for `no-restricted-imports` that matches any import of the layer folder `name`. */
function layer(name, why) {
  return {
    regex: `(^|/)${name}/|^(\\.\\./)+${name}$`,
    message: `${why} (STYLE.md: imports between layers are checked by the linter).`,
  };
}

const nodeBuiltins = (why) => ({
  regex: `^node:|^(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$)`,
  message: `${why} (STYLE.md).`,
});

// `electron/…` subpaths are caught by layer('electron') already.
const electronPackage = (why) => ({ regex: '^electron$', message: `${why} (STYLE.md).` });

// Globals that exist everywhere the pure core may run (browser, Node, workers) and carry no platform.
const universal = {
  crypto: 'readonly',
  TextEncoder: 'readonly',
  TextDecoder: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  queueMicrotask: 'readonly',
  console: 'readonly',
  structuredClone: 'readonly',
  URL: 'readonly',
  AbortController: 'readonly',
  AbortSignal: 'readonly',
};

// Platform globals the pure core may not touch: the DOM and browser storage, and Node's own.
const domAndNodeGlobals = [
  'window', 'document', 'self', 'localStorage', 'sessionStorage', 'navigator',
  'indexedDB', 'IDBKeyRange', 'location', 'history', 'requestAnimationFrame', 'cancelAnimationFrame',
  'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'HTMLElement', 'Element', 'Node', 'MutationObserver',
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate',
].map((name) => ({
  name,
  message: `shared/ is pure: "${name}" belongs to a platform. Pass what you need in from renderer/, electron/, server/ or cli/ (STYLE.md).`,
}));

/**
 * `no-restricted-imports` sees static imports and re-exports only; this rule applies the same patterns to
 * `import('…')` and `require('…')` with a literal path, so a layer cannot be crossed by a dynamic import.
 */
const dynamicImports = {
  meta: { type: 'problem', schema: [{ type: 'array' }] },
  create(context) {
    const patterns = (context.options[0] ?? []).map((p) => ({ re: new RegExp(p.regex), message: p.message }));
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const hit = patterns.find((p) => p.re.test(source.value));
      if (hit) context.report({ node, message: `'${source.value}' import is restricted from being used by a pattern. ${hit.message}` });
    };
    return {
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

/** Both rules with one list of patterns: static imports, and dynamic ones. */
function boundaries(patterns) {
  return {
    'no-restricted-imports': ['error', { patterns }],
    'loupe/no-restricted-dynamic-imports': ['error', patterns],
  };
}

export default defineConfig(
  {
    ignores: [
      'out/**', 'dist/**', 'dist-web/**', 'release/**', 'coverage/**', 'node_modules/**', 'test/fixtures/**',
      'test-results/**', 'loupe-data/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    plugins: { loupe: { rules: { 'no-restricted-dynamic-imports': dynamicImports } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Globals by where the code runs; shared/ gets its own, smaller set below.
  { ignores: ['shared/**', 'renderer/**'], languageOptions: { globals: { ...globals.node } } },
  // Code run in a page through Playwright's evaluate() also sees the browser's globals.
  { files: ['renderer/**', 'bench/**', 'test/**', 'scripts/bench.mjs'], languageOptions: { globals: { ...globals.browser } } },

  // ---- Layers -------------------------------------------------------------------------------------
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals.es2022, ...universal } },
    rules: {
      'no-restricted-globals': ['error', ...domAndNodeGlobals],
      ...boundaries([
        layer('renderer', 'shared/ may not import from renderer/'),
        layer('electron', 'shared/ may not import from electron/'),
        layer('server', 'shared/ may not import from server/'),
        layer('cli', 'shared/ may not import from cli/'),
        { regex: '^#platform', message: 'shared/ may not import the platform adapter; it belongs to renderer/ (STYLE.md).' },
        electronPackage('shared/ may not import Electron'),
        nodeBuiltins('shared/ may not import Node built-ins; it must run in the browser too'),
      ]),
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      ...boundaries([
        layer('electron', 'renderer/ may not import from electron/; talk to it through the platform interface'),
        layer('server', 'renderer/ may not import from server/; talk to it over HTTP'),
        layer('cli', 'renderer/ may not import from cli/'),
        electronPackage('renderer/ may not import Electron; it runs sandboxed, use the platform interface'),
        nodeBuiltins('renderer/ may not import Node built-ins; it runs in a sandboxed browser page'),
      ]),
    },
  },
  {
    files: ['electron/**'],
    rules: {
      ...boundaries([
        layer('renderer', 'electron/ may not import from renderer/; share code through shared/'),
        layer('server', 'electron/ may not import from server/'),
        layer('cli', 'electron/ may not import from cli/'),
      ]),
    },
  },
  {
    files: ['server/**'],
    rules: {
      ...boundaries([
        layer('renderer', 'server/ may not import from renderer/; share code through shared/'),
        layer('electron', 'server/ may not import from electron/'),
        electronPackage('server/ may not import Electron'),
      ]),
    },
  },
  {
    files: ['cli/**'],
    rules: {
      ...boundaries([
        layer('renderer', 'cli/ may not import from renderer/; share code through shared/'),
        layer('electron', 'cli/ may not import from electron/'),
        electronPackage('cli/ may not import Electron'),
      ]),
    },
  },
);
