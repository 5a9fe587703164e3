// Characters that mean something to make's reader (references, rules, assignments, comments, line
// ends, recipe prefix), shared by the parser's robustness tests and its fuzzing in the hardening layer.
export const MAKE_SPECIAL_CHARACTERS: readonly string[] = [
  '$',
  '(',
  ')',
  '{',
  '}',
  ':',
  '=',
  '\\',
  '\n',
  '\r',
  '\t',
  ' ',
  '#',
  ';',
  '|',
  '%',
];
