// The house's boundaries, enforced by lint (README: Development, "Boundaries"): the engine knows nothing of
// LSP or VS Code; the client and the CLI never reach into the server; the client reaches the engine only
// through the wire contract; the contract holds types and wording, no engine code at run time.
const LSP_AND_VSCODE = [
  { name: 'vscode', message: 'the engine runs in the CLI and the server too: no VS Code API here' },
  {
    group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
    message: 'no LSP in the engine: the server adapts it',
  },
];
const folder = (name, why) => ({ group: [`**/${name}/**`, `../${name}/*`, `../../${name}/*`], message: why });
const SERVER = folder('server', 'server internals are not an API: share through contract/');
const CLIENT = folder('client', 'the client is the VS Code front end: nothing imports it');
const CLI = folder('cli', 'the CLI is a front end: nothing imports it');
const ENGINE = folder('engine', 'the client reaches the engine only through the wire contract (contract/)');

/** One lint block per part: `files` it covers and the imports it may not make. */
export const boundaries = [
  { files: ['engine/**/*.ts'], patterns: [SERVER, CLIENT, CLI], paths: LSP_AND_VSCODE, typeImportsToo: true },
  {
    files: ['contract/**/*.ts'],
    patterns: [
      SERVER,
      CLIENT,
      CLI,
      { ...ENGINE, message: 'contract/ may name engine types (import type), never run engine code' },
    ],
    typeImportsToo: false,
  },
  { files: ['client/**/*.ts'], patterns: [SERVER, CLI, ENGINE], typeImportsToo: true },
  { files: ['cli/**/*.ts'], patterns: [SERVER, CLIENT], typeImportsToo: true },
  { files: ['server/**/*.ts'], patterns: [CLIENT, CLI], typeImportsToo: true },
].map(({ files, patterns, paths = [], typeImportsToo }) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: paths.filter((p) => p.name).map((p) => ({ ...p, allowTypeImports: !typeImportsToo })),
        patterns: [...patterns, ...paths.filter((p) => p.group)].map((p) => ({
          ...p,
          allowTypeImports: !typeImportsToo,
        })),
      },
    ],
  },
}));
