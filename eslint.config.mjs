// ESLint: typescript-eslint's strictest type-aware preset over the TypeScript sources, with the
// formatting rules left to Prettier (eslint-config-prettier last, so it switches them off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Built or generated output, and content the tests read as data.
    ignores: ['dist/', 'bench/dist/', 'bench/corpus-out/', 'examples/generated/', 'coverage/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals of numbers are the log and error messages' usual form (`found ${n}`),
      // and type-graphql's field types are numbers: allow numbers, nothing else.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // type-graphql's classes are declared for their decorators alone (`@ArgsType() class X {}`).
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
    },
  },
  {
    // Tests and benchmarks walk JSON answers (`await res.json()`, typed any) whose shape is exactly
    // what they go on to assert with `expect`: typing each answer would restate the schema, and a
    // wrong path fails the test anyway. So the rules that follow an `any` around, and the one
    // against `!` on a lookup the test has just asserted, are off here, and only here.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // type-graphql's object and argument types are classes that only describe a shape: resolvers answer
    // with plain objects of that shape, and type-graphql hands them argument objects it did not construct.
    files: ['src/graphql/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    // Apollo Server's plugin hooks (`requestDidStart`, `willSendResponse`, `serverWillStart`...) and its
    // stores (`get`, `set`, `delete`) must return promises by interface, so a hook or store method with
    // nothing to await is still declared `async`: that is what turns a throw in it into a rejection.
    files: ['src/server/plugins/**/*.ts', 'src/server/document-store.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Plain JavaScript config files are outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'readonly', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
