// Semantic tokens as they are found (in any order), then put in document order and encoded the LSP way.
//
// Tokens are kept as five numbers each in one typed array, reused from one request to the next (no
// object per token, no array grown push by push), and put in order by a counting pass over their
// lines, then by column within a line (a line holds a handful).

/** Room for the tokens of a small file; a larger file's buffers are kept for the next request up to KEPT_SIZE. */
const FIRST_SIZE = 5 * 1024;
/** 65,536 tokens (a 30,000-line file has ~60,000): at most ~4 MB kept between requests. */
const KEPT_SIZE = 5 * 64 * 1024;
/** The buffers of the last request, for the next one (a request takes them while it runs). */
let spareTokens: Int32Array | undefined;
let spareEncoded: number[] | undefined;

/** Above this many tokens on one line, insertion sort would grow with their square. */
const SHORT_LINE = 32;

/** The tokens of one document. */
export class TokenList {
  private raw: Int32Array;
  private size = 0;
  private lastLine = -1;

  constructor() {
    this.raw = spareTokens ?? new Int32Array(FIRST_SIZE);
    spareTokens = undefined;
  }

  /** One token; an empty one is not kept. */
  add(line: number, character: number, length: number, type: number, modifiers: number): void {
    if (length <= 0) return;
    if (this.size + 5 > this.raw.length) {
      const larger = new Int32Array(this.raw.length * 2);
      larger.set(this.raw);
      this.raw = larger;
    }
    const raw = this.raw;
    const at = this.size;
    raw[at] = line;
    raw[at + 1] = character;
    raw[at + 2] = length;
    raw[at + 3] = type;
    raw[at + 4] = modifiers;
    this.size += 5;
    if (line > this.lastLine) this.lastLine = line;
  }

  /**
   * LSP's relative encoding: by line, then column, tokens added at the same place kept in the order
   * they came; a token overlapping the one kept before it on its line is dropped.
   */
  encode(): number[] {
    const order = this.documentOrder();
    const raw = this.raw;
    // Written into the last request's array, then copied out in one piece: a packed array of the
    // exact size, where one grown push by push is copied at every growth (~50,000 numbers here).
    const out = spareEncoded ?? [];
    spareEncoded = undefined;
    while (out.length < this.size) out.push(0);
    let size = 0;
    let line = 0;
    let character = 0;
    let endLine = -1;
    let endCharacter = 0;
    for (let i = 0; i < order.length; i++) {
      const at = order[i] * 5;
      const tokenLine = raw[at];
      const tokenCharacter = raw[at + 1];
      if (tokenLine === endLine && tokenCharacter < endCharacter) continue;
      out[size] = tokenLine - line;
      out[size + 1] = tokenLine === line ? tokenCharacter - character : tokenCharacter;
      out[size + 2] = raw[at + 2];
      out[size + 3] = raw[at + 3];
      out[size + 4] = raw[at + 4];
      size += 5;
      line = tokenLine;
      character = tokenCharacter;
      endLine = tokenLine;
      endCharacter = tokenCharacter + raw[at + 2];
    }
    const data = out.slice(0, size);
    // The next request reuses both buffers, unless a huge file made them large.
    if (raw.length <= KEPT_SIZE) spareTokens = raw;
    if (out.length <= KEPT_SIZE) spareEncoded = out;
    return data;
  }

  /** Token numbers by line (a stable counting sort), then by column within each line (stable insertion). */
  private documentOrder(): Uint32Array {
    const raw = this.raw;
    const count = this.size / 5;
    const starts = new Uint32Array(this.lastLine + 2);
    for (let t = 0; t < count; t++) starts[raw[t * 5] + 1]++;
    for (let line = 1; line < starts.length; line++) starts[line] += starts[line - 1];
    const order = new Uint32Array(count);
    const filled = starts.slice(0, -1);
    for (let t = 0; t < count; t++) order[filled[raw[t * 5]]++] = t;
    for (let line = 0; line + 1 < starts.length; line++) {
      const from = starts[line];
      const to = starts[line + 1];
      if (to - from > SHORT_LINE) {
        // A line of many tokens (a generated or hostile file): a comparator sort, ties by token number.
        order.subarray(from, to).sort((a, b) => raw[a * 5 + 1] - raw[b * 5 + 1] || a - b);
        continue;
      }
      for (let i = from + 1; i < to; i++) {
        const token = order[i];
        const character = raw[token * 5 + 1];
        let j = i - 1;
        for (; j >= from && raw[order[j] * 5 + 1] > character; j--) order[j + 1] = order[j];
        order[j + 1] = token;
      }
    }
    return order;
  }
}

/**
 * The tokens on lines `first` to `last` (inclusive) of a document's encoded tokens, encoded alone: the
 * answer to a range request, cut from the whole document's answer. Tokens never overlap across lines,
 * so the cut keeps exactly those the range would have kept; only its first token's place is absolute.
 */
export function tokensInLines(data: readonly number[], first: number, last: number): number[] {
  let line = 0;
  let character = 0;
  let from = 0;
  for (; from < data.length; from += 5) {
    line += data[from];
    character = data[from] === 0 ? character + data[from + 1] : data[from + 1];
    if (line >= first) break;
  }
  let to = from;
  for (let at = from, atLine = line; at < data.length; at += 5) {
    if (at > from) atLine += data[at];
    if (atLine > last) break;
    to = at + 5;
  }
  if (to === from) return [];
  const cut = data.slice(from, to);
  cut[0] = line;
  cut[1] = character;
  return cut;
}
