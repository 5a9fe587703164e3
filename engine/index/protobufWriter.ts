// Protocol Buffers wire format, writing side: varint and length-delimited fields into one growing buffer.
// Only what SCIP needs (proto3: default values are left out by the caller). Nested messages are written in
// place behind a one-byte length that is widened afterwards when they turn out longer, so no copy per message.

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const encoder = new TextEncoder();

export class ProtobufWriter {
  // Doubles as it fills; an index of git's makefiles is about half a megabyte.
  private bytes = new Uint8Array(4096);
  private length = 0;

  /** An int32, uint32 or enum field; 0 is proto3's default and is written only when `always`. */
  varintField(field: number, value: number, always = false): this {
    if (value === 0 && !always) return this;
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A string field (UTF-8); the empty string is proto3's default and is not written. */
  stringField(field: number, value: string | undefined): this {
    if (value) this.string(field, value);
    return this;
  }

  /** Each string of a `repeated string` field, in order (empty ones too: they are elements). */
  repeatedStringField(field: number, values: readonly string[]): this {
    for (const value of values) this.string(field, value);
    return this;
  }

  /** A nested message, written by `write` (into this writer), preceded by its length. */
  messageField(field: number, write: (writer: ProtobufWriter) => void): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.lengthDelimited(() => write(this));
    return this;
  }

  /** A `repeated int32` field, packed (proto3's default for scalars): one length, then the varints. */
  packedVarintField(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.lengthDelimited(() => {
      for (const value of values) this.varint(value);
    });
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private string(field: number, value: string): void {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    const size = Buffer.byteLength(value, 'utf8');
    this.varint(size);
    this.reserve(size);
    encoder.encodeInto(value, this.bytes.subarray(this.length, this.length + size));
    this.length += size;
  }

  /** Writes the body, then its length in front of it (moving the body when the length needs more than a byte). */
  private lengthDelimited(writeBody: () => void): void {
    const lengthAt = this.length;
    this.byte(0);
    writeBody();
    const size = this.length - lengthAt - 1;
    const extra = varintSize(size) - 1;
    if (extra > 0) {
      this.reserve(extra);
      this.bytes.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.length);
      this.length += extra;
    }
    let at = lengthAt;
    let rest = size;
    while (rest >= 0x80) {
      this.bytes[at++] = rest % 0x80 | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[at] = rest;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** Base 128, least significant group first; a negative int32 takes ten bytes (its 64-bit two's complement). */
  private varint(value: number): void {
    if (!Number.isInteger(value)) throw new RangeError(`not an integer: ${value}`);
    if (value < 0) {
      let wide = BigInt.asUintN(64, BigInt(value));
      while (wide >= 0x80n) {
        this.byte(Number(wide & 0x7fn) | 0x80);
        wide >>= 7n;
      }
      this.byte(Number(wide));
      return;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.byte(rest % 0x80 | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}
