// Variables whose value starts with make's `+` recipe prefix: a recipe line that starts with one runs even under -n, -q and -t.

/** A value make reads as `+` prefixed when it starts a recipe line: blanks, `@` and `-` may come first. */
const PLUS_LED = /^[\s@-]*\+/;
/**
 * The variable a text starts with, after blanks and the prefix characters: `$(RUN)`, `${RUN}`, `$R`, or
 * the one `$(call RUN,...)` expands.
 */
const LEADING_REFERENCE = /^[\s@+-]*\$(?:[({](?:call\s+)?([^$():{},\s]+)[)},]|([^$({\s]))/;

/**
 * The name of the variable a recipe line starts with, after its own prefixes: make takes `+`, `@` and
 * `-` from the start of the line once expanded (git's `$(QUIET_SUBDIR0)templates`, whose value is
 * `+$(MAKE) -C`), so that variable's value can make the line run under -n.
 */
export function leadingReference(text: string): string | undefined {
  const match = LEADING_REFERENCE.exec(text);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * The variable a recipe line starts with when its value starts with '+', so the line runs under -n, -q
 * and -t though nothing in it says so; undefined otherwise. `plusLed` is asked for only when the line
 * starts with a reference (the set costs a pass over the project's assignments).
 */
export function plusLedLeader(text: string, plusLed: () => ReadonlySet<string>): string | undefined {
  const leading = leadingReference(text);
  return leading !== undefined && plusLed().has(leading) ? leading : undefined;
}

/**
 * The names some assignment gives a value that starts with `+` (after blanks, `@`, `-`), or with a
 * variable that does, however deep; and the names the environment gives such a value (make imports
 * them). A recipe line starting with one of them runs under -n, -q and -t.
 */
export function plusLedVariables(
  assignments: Iterable<{ name: string; value: string }>,
  environment: NodeJS.ProcessEnv = {},
): Set<string> {
  const plusLed = new Set<string>();
  const leading: [string, string][] = [];
  const consider = (name: string, value: string): void => {
    if (PLUS_LED.test(value)) plusLed.add(name);
    else {
      const first = leadingReference(value);
      if (first !== undefined) leading.push([name, first]);
    }
  };
  for (const { name, value } of assignments) consider(name, value);
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) consider(name, value);
  // `Q = $(P)`, `P = +$(MAKE)`: Q leads with `+` too, in whatever order they are written.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, first] of leading) {
      if (plusLed.has(name) || !plusLed.has(first)) continue;
      plusLed.add(name);
      grew = true;
    }
  }
  return plusLed;
}
