// SCIP's protobuf encoding of an index (field numbers from scip.proto), through the engine's own wire writer.
import { ProtobufWriter } from './protobufWriter';
import type {
  ScipDocument,
  ScipIndex,
  ScipMetadata,
  ScipOccurrence,
  ScipSymbolInformation,
} from './scipTypes';

export function encodeScipIndex(index: ScipIndex): Uint8Array {
  const writer = new ProtobufWriter();
  // scip.proto: metadata first, so a streaming reader meets it before any document.
  writer.messageField(1, (metadata) => writeMetadata(metadata, index.metadata));
  for (const document of index.documents) writer.messageField(2, (out) => writeDocument(out, document));
  return writer.finish();
}

function writeMetadata(writer: ProtobufWriter, metadata: ScipMetadata): void {
  // version (field 1) is UnspecifiedProtocolVersion = 0, the only version: the default, left out.
  writer.messageField(2, (tool) =>
    tool
      .stringField(1, metadata.toolName)
      .stringField(2, metadata.toolVersion)
      .repeatedStringField(3, metadata.toolArguments),
  );
  writer.stringField(3, metadata.projectRoot);
  writer.varintField(4, metadata.textDocumentEncoding);
}

function writeDocument(writer: ProtobufWriter, document: ScipDocument): void {
  writer.stringField(1, document.relativePath);
  for (const occurrence of document.occurrences)
    writer.messageField(2, (out) => writeOccurrence(out, occurrence));
  for (const symbol of document.symbols) writer.messageField(3, (out) => writeSymbol(out, symbol));
  writer.stringField(4, document.language);
  writer.varintField(6, document.positionEncoding);
}

function writeOccurrence(writer: ProtobufWriter, occurrence: ScipOccurrence): void {
  writer.packedVarintField(1, occurrence.range);
  writer.stringField(2, occurrence.symbol);
  writer.varintField(3, occurrence.symbolRoles);
  if (occurrence.enclosingRange) writer.packedVarintField(7, occurrence.enclosingRange);
}

function writeSymbol(writer: ProtobufWriter, symbol: ScipSymbolInformation): void {
  writer.stringField(1, symbol.symbol);
  writer.repeatedStringField(3, symbol.documentation);
  writer.varintField(5, symbol.kind);
  writer.stringField(6, symbol.displayName);
}
