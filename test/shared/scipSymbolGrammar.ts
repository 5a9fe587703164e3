// The symbol grammar of scip.proto (`Symbol`), as a test's own parser: a symbol string to its parts, or an error.

export interface ParsedSymbol {
  scheme: string;
  manager: string;
  packageName: string;
  version: string;
  descriptors: { name: string; suffix: string }[];
}

const IDENTIFIER_CHARACTER = /[_+\-$A-Za-z0-9]/;

export function parseScipSymbol(symbol: string): ParsedSymbol | { local: string } {
  if (symbol.startsWith('local ')) {
    const id = symbol.slice('local '.length);
    if (!/^[_+\-$A-Za-z0-9]+$/.test(id)) throw new Error(`bad local id in '${symbol}'`);
    return { local: id };
  }
  let at = 0;
  /** Text up to `end`, where a doubled `end` stands for the character itself; `at` moves past the closing one. */
  const upTo = (end: string, what: string): string => {
    let text = '';
    for (;;) {
      if (at >= symbol.length) throw new Error(`'${symbol}' ends inside its ${what}`);
      if (symbol[at] === end && symbol[at + 1] === end) {
        text += end;
        at += 2;
      } else if (symbol[at] === end) {
        at++;
        return text;
      } else text += symbol[at++];
    }
  };
  // <scheme>, <manager>, <package-name>, <version>: any UTF-8, a space escaped as two spaces.
  const spaced = (): string => upTo(' ', 'package');
  const [scheme, manager, packageName, version] = [spaced(), spaced(), spaced(), spaced()];
  if (!scheme || !manager || !packageName || !version) throw new Error(`empty package part in '${symbol}'`);
  const name = (): string => {
    if (symbol[at] === '`') {
      at++;
      const text = upTo('`', 'escaped identifier');
      if (text === '') throw new Error(`empty escaped identifier in '${symbol}'`);
      return text;
    }
    const start = at;
    while (at < symbol.length && IDENTIFIER_CHARACTER.test(symbol[at])) at++;
    if (at === start) throw new Error(`no identifier at ${at} in '${symbol}'`);
    return symbol.slice(start, at);
  };
  const descriptors: ParsedSymbol['descriptors'] = [];
  while (at < symbol.length) {
    if (symbol[at] === '[' || symbol[at] === '(') {
      const open = symbol[at++];
      const inner = name();
      const close = open === '[' ? ']' : ')';
      if (symbol[at++] !== close) throw new Error(`'${open}${inner}' not closed in '${symbol}'`);
      descriptors.push({ name: inner, suffix: `${open}${close}` });
      continue;
    }
    const descriptorName = name();
    const suffix = symbol[at++];
    if (suffix === '(') {
      while (at < symbol.length && symbol[at] !== ')') at++;
      if (symbol.slice(at, at + 2) !== ').') throw new Error(`bad method in '${symbol}'`);
      at += 2;
      descriptors.push({ name: descriptorName, suffix: '().' });
    } else if (suffix !== undefined && '/#.:!'.includes(suffix)) {
      descriptors.push({ name: descriptorName, suffix });
    } else throw new Error(`no descriptor suffix after '${descriptorName}' in '${symbol}'`);
  }
  if (descriptors.length === 0) throw new Error(`no descriptor in '${symbol}'`);
  return { scheme, manager, packageName, version, descriptors };
}
