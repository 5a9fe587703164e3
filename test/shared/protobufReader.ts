// A Protocol Buffers wire-format reader for tests, written apart from the engine's writer so each checks the other.
export type WireValue = { wire: 0; value: bigint } | { wire: 2; bytes: Uint8Array };

/** Every field of one message, by field number, in the order written. */
export function readMessage(bytes: Uint8Array): Map<number, WireValue[]> {
  const fields = new Map<number, WireValue[]>();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= bytes.length) throw new Error('varint runs past the end');
      const byte = bytes[at++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    let value: WireValue;
    if (wire === 0) value = { wire, value: varint() };
    else if (wire === 2) {
      const length = Number(varint());
      if (at + length > bytes.length) throw new Error(`field ${field}: length ${length} runs past the end`);
      value = { wire, bytes: bytes.subarray(at, at + length) };
      at += length;
    } else throw new Error(`field ${field}: wire type ${wire} is not used by SCIP`);
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function strings(fields: Map<number, WireValue[]>, field: number): string[] {
  return (fields.get(field) ?? []).map((value) => {
    if (value.wire !== 2) throw new Error(`field ${field} is not length-delimited`);
    return decoder.decode(value.bytes);
  });
}

export const string = (fields: Map<number, WireValue[]>, field: number): string =>
  strings(fields, field).at(-1) ?? '';

export function messages(fields: Map<number, WireValue[]>, field: number): Map<number, WireValue[]>[] {
  return (fields.get(field) ?? []).map((value) => {
    if (value.wire !== 2) throw new Error(`field ${field} is not a message`);
    return readMessage(value.bytes);
  });
}

/** An int32 or enum field (proto3: absent means 0); negative values come back as 64-bit two's complement. */
export function int32(fields: Map<number, WireValue[]>, field: number): number {
  const last = fields.get(field)?.at(-1);
  if (!last) return 0;
  if (last.wire !== 0) throw new Error(`field ${field} is not a varint`);
  return Number(BigInt.asIntN(64, last.value));
}

/** A `repeated int32`, packed or not. */
export function int32s(fields: Map<number, WireValue[]>, field: number): number[] {
  const result: number[] = [];
  for (const value of fields.get(field) ?? []) {
    if (value.wire === 0) result.push(Number(BigInt.asIntN(64, value.value)));
    else {
      const packed = readPacked(value.bytes);
      result.push(...packed);
    }
  }
  return result;
}

function readPacked(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let current = 0n;
  let shift = 0n;
  for (const byte of bytes) {
    current |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      values.push(Number(BigInt.asIntN(64, current)));
      current = 0n;
      shift = 0n;
    }
  }
  if (shift !== 0n) throw new Error('packed varints run past the end');
  return values;
}
