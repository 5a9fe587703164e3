// The engine's protobuf writer against the wire format's own worked examples, and read back by the test's reader.
import * as assert from 'node:assert/strict';
import { ProtobufWriter } from '../../../engine/index/protobufWriter';
import { int32, int32s, messages, readMessage, string, strings } from '../../shared/protobufReader';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('protobuf writer', () => {
  it("writes the encoding guide's examples byte for byte", () => {
    // protobuf.dev/programming-guides/encoding: `a: 150` (field 1), `b: "testing"` (field 2), packed `f: [3, 270, 86942]` (field 4).
    assert.equal(hex(new ProtobufWriter().varintField(1, 150).finish()), '089601');
    assert.equal(hex(new ProtobufWriter().stringField(2, 'testing').finish()), '120774657374696e67');
    assert.equal(
      hex(new ProtobufWriter().packedVarintField(4, [3, 270, 86942]).finish()),
      '2206038e029ea705',
    );
  });

  it('writes a negative int32 as ten bytes and leaves proto3 defaults out', () => {
    assert.equal(hex(new ProtobufWriter().varintField(3, -1).finish()), '18ffffffffffffffffff01');
    const empty = new ProtobufWriter().varintField(1, 0).stringField(2, '').packedVarintField(3, []).finish();
    assert.equal(empty.length, 0);
    assert.equal(hex(new ProtobufWriter().varintField(1, 0, true).finish()), '0800');
  });

  it('nests messages and repeats strings so that an independent reader gets every value back', () => {
    const long = 'ü'.repeat(5000);
    const bytes = new ProtobufWriter()
      .messageField(1, (inner) => inner.stringField(1, 'makescope').varintField(4, 2))
      .messageField(2, () => undefined)
      .messageField(5, (inner) =>
        inner.stringField(1, long).messageField(2, (deeper) => deeper.stringField(1, long)),
      )
      .repeatedStringField(3, ['a', '', long])
      .packedVarintField(7, [0, 127, 128, 16384, 2 ** 31 - 1])
      .finish();
    const read = readMessage(bytes);
    const [inner, empty] = [...messages(read, 1), ...messages(read, 2)];
    assert.equal(string(inner, 1), 'makescope');
    assert.equal(int32(inner, 4), 2);
    assert.equal(empty.size, 0, 'an empty nested message is still written, with length 0');
    assert.deepEqual(strings(read, 3), ['a', '', long]);
    const [outer] = messages(read, 5);
    assert.equal(string(outer, 1), long, 'a nested message longer than 127 bytes keeps its body whole');
    assert.equal(string(messages(outer, 2)[0], 1), long);
    assert.deepEqual(int32s(read, 7), [0, 127, 128, 16384, 2 ** 31 - 1]);
  });
});
