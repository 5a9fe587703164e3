// Pure parser for the marked $(info ...) blocks the variable-resolution helper makefile prints.
export interface ResolvedValue {
  name: string;
  /** $(flavor): recursive, simple or undefined. */
  flavor: string;
  /** $(origin): file, default, environment, command line, override, automatic or undefined. */
  origin: string;
  value: string;
}

/** Every block is `@@<nonce>@@NAME@@FLAVOR@@ORIGIN@@VALUE@@<nonce>-end@@`, VALUE possibly multi-line. */
export function parseResolvedValues(output: string, nonce: string): ResolvedValue[] {
  const values: ResolvedValue[] = [];
  const open = `@@${nonce}@@`;
  const close = `@@${nonce}-end@@`;
  let from = 0;
  for (;;) {
    const start = output.indexOf(open, from);
    if (start < 0) break;
    const end = output.indexOf(close, start);
    if (end < 0) break;
    const [name = '', flavor = '', origin = '', ...rest] = output.slice(start + open.length, end).split('@@');
    values.push({ name, flavor, origin, value: rest.join('@@') });
    from = end + close.length;
  }
  return values;
}
