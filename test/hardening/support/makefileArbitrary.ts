// fast-check arbitraries for Makefile-shaped text: rules, every assignment operator, define, conditionals, includes.
import fc from 'fast-check';

const NAME_CHARS = ['a', 'b', 'X', 'Y', '_', '1', '.', '-', '/', '%', '*'];
/** Identifier-ish words; sometimes hostile (quotes, spaces, `;`, backticks, NUL, non-ASCII). */
export const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('"q"', "'s'", '`x`', 'a;b', 'a b', '\0', 'é', '😀', '\\', '#c') },
);

const FUNCTIONS = ['subst', 'patsubst', 'if', 'foreach', 'call', 'eval', 'shell', 'wildcard', 'origin'];

/** References nested up to `depth`: $(X), ${X}, $X, $$, functions with commas, unclosed ones. */
export const reference: fc.Arbitrary<string> = fc.letrec<{ ref: string }>((tie) => ({
  ref: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word.map((w) => `$(${w})`),
    word.map((w) => `\${${w}}`),
    fc.constantFrom('$@', '$<', '$^', '$$', '$*', '$'),
    fc
      .tuple(fc.constantFrom(...FUNCTIONS), fc.array(fc.oneof(word, tie('ref')), { maxLength: 3 }))
      .map(([fn, args]) => `$(${fn} ${args.join(',')})`),
    tie('ref').map((inner) => `$(${inner})`),
    tie('ref').map((inner) => `$(${inner}`),
  ),
})).ref;

/** A line's worth of text: words and references. */
export const text: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: reference }), { maxLength: 6 })
  .map((parts) => parts.join(' '));

const OPERATORS = ['=', ':=', '::=', ':::=', '?=', '+=', '!='];

const assignment = fc
  .tuple(
    fc.constantFrom('', 'export ', 'override ', 'private ', 'target: '),
    word,
    fc.constantFrom(...OPERATORS),
    text,
  )
  .map(([prefix, name, op, value]) => `${prefix}${name} ${op} ${value}`);

const recipeLine = fc
  .tuple(fc.constantFrom('\t', '\t@', '\t-', '\t+', '\t@-'), text)
  .map(([prefix, body]) => `${prefix}${body}`);

const rule = fc
  .tuple(
    fc.array(fc.oneof(word, reference), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(':', '::', '&:', ':|'),
    text,
    fc.option(text, { nil: undefined }),
    fc.array(recipeLine, { maxLength: 3 }),
  )
  .map(([targets, colon, prereqs, inline, recipe]) =>
    [`${targets.join(' ')}${colon} ${prereqs}${inline === undefined ? '' : ` ; ${inline}`}`, ...recipe].join(
      '\n',
    ),
  );

const include = fc
  .tuple(fc.constantFrom('include', '-include', 'sinclude'), text)
  .map(([keyword, files]) => `${keyword} ${files}`);

const directive = fc
  .tuple(
    fc.constantFrom('vpath', 'export', 'unexport', 'undefine', '.PHONY:', '$(eval', 'endif', 'else', 'endef'),
    text,
  )
  .map(([keyword, rest]) => `${keyword} ${rest}`);

const comment = text.map((t) => `# ${t}`);

/** One statement or block; blocks nest to a small depth and may be left unterminated. */
const statement: fc.Arbitrary<string> = fc.letrec<{ statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    assignment,
    rule,
    include,
    directive,
    comment,
    fc.constant(''),
    fc
      .tuple(word, fc.array(text, { maxLength: 3 }), fc.boolean())
      .map(([name, body, closed]) => [`define ${name}`, ...body, ...(closed ? ['endef'] : [])].join('\n')),
    fc
      .tuple(
        fc.constantFrom('ifeq ($(A),b)', "ifneq '$(A)' 'b'", 'ifdef A', 'ifndef $(B)', 'ifeq "a" "b"'),
        fc.array(tie('statement'), { maxLength: 3 }),
        fc.option(fc.array(tie('statement'), { maxLength: 2 }), { nil: undefined }),
        fc.boolean(),
      )
      .map(([head, body, otherwise, closed]) =>
        [head, ...body, ...(otherwise ? ['else', ...otherwise] : []), ...(closed ? ['endif'] : [])].join(
          '\n',
        ),
      ),
  ),
})).statement;

/** Joins lines with LF, CRLF or lone CR, and sometimes continues a line with a backslash. */
export const makefile: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(statement, { maxLength: 25 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.array(fc.nat(), { maxLength: 4 }),
  )
  .map(([statements, eol, continuations]) => {
    const lines = statements.join('\n').split('\n');
    for (const at of continuations) if (lines.length > 0) lines[at % lines.length] += ' \\';
    return lines.join(eol);
  });
