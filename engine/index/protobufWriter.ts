// Protocol Buffers wire format, writing side: varint and length-delimited fields into one growing buffer.
// Only what SCIP needs (proto3: default values are left out by the caller, nested messages are written whole).

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

export class ProtobufWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;
  private static readonly encoder = new TextEncoder();

  /** An int32, uint32 or enum field; 0 is proto3's default and is written only when `always`. */
  varintField(field: number, value: number, always = false): this {
    if (value === 0 && !always) return this;
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A string field (UTF-8); the empty string is proto3's default and is not written. */
  stringField(field: number, value: string | undefined): this {
    if (!value) return this;
    return this.bytesField(field, ProtobufWriter.encoder.encode(value));
  }

  /** Each string of a `repeated string` field, in order. */
  repeatedStringField(field: number, values: readonly string[]): this {
    for (const value of values) {
      this.tag(field, WIRE_LENGTH_DELIMITED);
      const encoded = ProtobufWriter.encoder.encode(value);
      this.varint(encoded.length);
      this.append(encoded);
    }
    return this;
  }

  /** A nested message, written by `write` into a writer of its own, then copied in with its length. */
  messageField(field: number, write: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    write(inner);
    return this.bytesField(field, inner.finish(), true);
  }

  /** A `repeated int32` field, packed (proto3's default for scalars): one length, then the varints. */
  packedVarintField(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const inner = new ProtobufWriter();
    for (const value of values) inner.varint(value);
    return this.bytesField(field, inner.finish());
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private bytesField(field: number, value: Uint8Array, always = false): this {
    if (value.length === 0 && !always) return this;
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    this.append(value);
    return this;
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

  private append(value: Uint8Array): void {
    this.reserve(value.length);
    this.bytes.set(value, this.length);
    this.length += value.length;
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
