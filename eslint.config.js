// Lint: typescript-eslint's type-aware rules, plus import boundaries that keep the layer
// diagram of DESIGN §3 true (STYLE §1): streams → c2s → router → services; persistence behind ports.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const layers = [
  { type: 'xmpp', pattern: 'src/xmpp/**' },
  { type: 'config', pattern: 'src/config/**' },
  { type: 'ports', pattern: 'src/persistence/ports.ts', mode: 'file' },
  { type: 'persistence', pattern: 'src/persistence/**' },
  { type: 'stream', pattern: 'src/stream/**' },
  { type: 'router', pattern: 'src/router/**' },
  { type: 'c2s', pattern: 'src/c2s/**' },
  { type: 'im', pattern: 'src/im/**' },
  { type: 'admin', pattern: 'src/admin/**' },
  { type: 'muc-core', pattern: 'src/xep0045-muc/{room,features}/**' },
  { type: 'muc', pattern: 'src/xep0045-muc/**' },
  { type: 'root', pattern: 'src/*.ts', mode: 'file' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/element-types': ['error', {
        default: 'disallow',
        rules: [
          { from: 'xmpp', allow: ['xmpp'] },
          { from: 'config', allow: ['config'] },
          { from: 'ports', allow: [] },
          { from: 'persistence', allow: ['persistence', 'ports', 'config', 'xmpp'] },
          { from: 'stream', allow: ['stream', 'ports', 'xmpp'] },
          { from: 'router', allow: ['router', 'xmpp'] },
          { from: 'c2s', allow: ['c2s', 'stream', 'router', 'ports', 'xmpp'] },
          { from: 'im', allow: ['im', 'router', 'ports', 'xmpp'] },
          { from: 'muc-core', allow: ['muc-core', 'xmpp'] },
          { from: 'muc', allow: ['muc', 'muc-core', 'router', 'ports', 'xmpp'] },
          { from: 'admin', allow: ['admin', 'ports', 'stream', 'xmpp', 'config'] },
          { from: 'root', allow: ['*'] },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
