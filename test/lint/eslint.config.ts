import tseslint from 'typescript-eslint';
import svelteParser from 'svelte-eslint-parser';

/*
 * The house rule, enforced: renderer/ never imports electron/, electron/ never imports
 * renderer/, and shared/ imports neither and uses no Node-only or DOM-only API (VS Code's
 * layering). Kept under test/ so the root stays small; `npm run lint` passes it with -c.
 */

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const noNode = [
  { regex: '^node:', message: 'Node-only API: this layer runs in a browser or anywhere.' },
  ...nodeBuiltins.map((name) => ({ regex: `^${name.replace('/', '\\/')}$`, message: 'Node-only API: this layer runs in a browser or anywhere.' })),
];
const intoElectron = { regex: '^(\\.\\.?/)+(\\.\\./)*electron(/|$)', message: 'renderer/ and shared/ never import electron/: talk to the main process through the bridge (shared/ipc).' };
const intoRenderer = { regex: '^(\\.\\.?/)+(\\.\\./)*renderer(/|$)', message: 'electron/ and shared/ never import renderer/.' };
const electronModule = { regex: '^electron(/.*)?$', message: 'Only electron/main and electron/preload may import Electron; keep everything else testable under Node.' };
const browserOnlyPackages = { regex: '^(dexie|svelte)(/.*)?$', message: 'Browser-side packages belong to renderer/.' };
const nativePackages = { regex: '^keytar$', message: 'Native Node packages belong to the main process.' };

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'HTMLElement'];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'];
// Every API path lives in shared/api/routes.ts; a path typed anywhere else drifts from it.
// Each word must follow a '/': operation names such as 'getLedgerSummary' are not paths.
const pathPattern = '/\\/(v1|customers|ledgersummary|accruedinterest|directdebitmandates|creditinsurances|extrafields|parameters|addresses|questions|access_token|__sandbox)\\b/i';
// Module specifiers ('./customers') name files, not API paths.
const notModule = ':not(ImportDeclaration > Literal):not(ExportNamedDeclaration > Literal):not(ExportAllDeclaration > Literal):not(ImportExpression > Literal)';
const pathMessage = 'API paths live only in shared/api/routes.ts: use buildPath() and the route table.';

const restrictGlobals = (names: string[], why: string) => names.map((name) => ({ name, message: why }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.svelte'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    ignores: ['shared/api/routes.ts', 'test/lint/**', 'test/architecture/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${pathPattern}]${notModule}`, message: pathMessage },
        { selector: `TemplateElement[value.raw=${pathPattern}]`, message: pathMessage },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoElectron, intoRenderer, electronModule, browserOnlyPackages, nativePackages, ...noNode] }],
      'no-restricted-globals': ['error', ...restrictGlobals(domGlobals, 'DOM-only API: shared/ runs anywhere.'), ...restrictGlobals(nodeGlobals, 'Node-only API: shared/ runs anywhere.')],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoElectron, electronModule, nativePackages, ...noNode] }],
      'no-restricted-globals': ['error', ...restrictGlobals(nodeGlobals, 'Node-only API: the renderer is a sandboxed web page.')],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoRenderer, electronModule, browserOnlyPackages] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoRenderer, browserOnlyPackages] }],
    },
  },
);
