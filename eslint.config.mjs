import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The architecture's boundaries (see README "Layout"), enforced on every import.
const noDev = { group: ['**/dev', '**/dev/**'], message: 'The product never imports its local stand-in (dev/).' }
const boundary = (forbidden, message) => ({
  files: [`src/${forbidden === 'outbound' ? 'inbound' : 'outbound'}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [noDev, { group: [`**/${forbidden}/**`], message }] }] },
})

/**
 * The webhook's rooms (src/inbound/): `webhook.ts` routes to one operation (write, wait, read); an operation
 * never imports another; what they share (request/, the HTTP edge) never
 * imports an operation. src/botpress/ (clients, deadline, call count, errors, parties, the walk) is below both
 * directions and the actions.
 */
const OPERATIONS = ['write', 'wait', 'read']
const noOutbound = {
  group: ['**/outbound', '**/outbound/**'],
  message: 'src/inbound never imports src/outbound: move what both need to a shared module.',
}
const room = (name, forbidden, message) => ({
  files: [`src/inbound/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [noDev, noOutbound, ...forbidden.map((other) => ({ group: [`**/${other}/*`], message }))] },
    ],
  },
})

export default tseslint.config(
  { ignores: ['node_modules/', '.botpress/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The receiver examples are plain Node.js programs, as a user copies them.
    files: ['examples/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', fetch: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'integration.definition.ts', 'definitions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noDev, { group: ['**/src/**'], message: 'Definitions import nothing from src/.' }] },
      ],
    },
  },
  boundary('outbound', 'src/inbound never imports src/outbound: move what both need to a shared module.'),
  boundary('inbound', 'src/outbound never imports src/inbound: move what both need to a shared module.'),
  ...OPERATIONS.map((operation) =>
    room(
      operation,
      OPERATIONS.filter((other) => other !== operation),
      `An operation of the webhook never imports another: move what both need to request/ or botpress/.`
    )
  ),
  room('request', OPERATIONS, `request/ is shared by the webhook's operations: it never imports one of them.`),
  {
    // What both directions and the actions use: it imports neither direction.
    files: ['src/botpress/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDev,
            noOutbound,
            {
              group: ['**/inbound/*/**', '**/inbound/*'],
              message: 'src/botpress/ is shared: it never imports src/inbound/.',
            },
          ],
        },
      ],
    },
  }
)
