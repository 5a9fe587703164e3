// The semantic token legend: the types and modifiers the server sends, in the order their numbers refer to.
// `recipe` and the modifiers `automatic`, `environment`, `undefined` are Makescope's own (package.json
// declares them); the others are LSP's standard names, which colour themes already know.
export const TOKEN_TYPES = ['variable', 'function', 'keyword', 'class', 'recipe'] as const;
export const TOKEN_MODIFIERS = [
  'declaration',
  'readonly',
  'defaultLibrary',
  'automatic',
  'environment',
  'undefined',
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

export const tokenTypeIndex = (type: TokenType): number => TOKEN_TYPES.indexOf(type);

export const modifierBits = (modifiers: readonly TokenModifier[]): number =>
  modifiers.reduce((bits, modifier) => bits | (1 << TOKEN_MODIFIERS.indexOf(modifier)), 0);
