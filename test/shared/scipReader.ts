// Reads a SCIP index (scip.proto's field numbers, by the test's own wire reader) into plain objects for assertions.
import { int32, int32s, messages, readMessage, string, strings } from './protobufReader';

export interface ReadOccurrence {
  range: number[];
  symbol: string;
  symbolRoles: number;
  enclosingRange: number[];
}

export interface ReadSymbol {
  symbol: string;
  documentation: string[];
  kind: number;
  displayName: string;
}

export interface ReadDocument {
  relativePath: string;
  language: string;
  positionEncoding: number;
  occurrences: ReadOccurrence[];
  symbols: ReadSymbol[];
}

export interface ReadIndex {
  metadata: {
    version: number;
    toolName: string;
    toolVersion: string;
    toolArguments: string[];
    projectRoot: string;
    textDocumentEncoding: number;
  };
  documents: ReadDocument[];
  externalSymbols: ReadSymbol[];
  /** Field numbers of Index seen, in order (metadata must come first). */
  fieldOrder: number[];
}

export function readScipIndex(bytes: Uint8Array): ReadIndex {
  const index = readMessage(bytes);
  const metadatas = messages(index, 1);
  if (metadatas.length !== 1) throw new Error(`${metadatas.length} metadata fields, one expected`);
  const metadata = metadatas[0];
  const tool = messages(metadata, 2)[0] ?? new Map();
  return {
    metadata: {
      version: int32(metadata, 1),
      toolName: string(tool, 1),
      toolVersion: string(tool, 2),
      toolArguments: strings(tool, 3),
      projectRoot: string(metadata, 3),
      textDocumentEncoding: int32(metadata, 4),
    },
    documents: messages(index, 2).map((document) => ({
      relativePath: string(document, 1),
      language: string(document, 4),
      positionEncoding: int32(document, 6),
      occurrences: messages(document, 2).map((occurrence) => ({
        range: int32s(occurrence, 1),
        symbol: string(occurrence, 2),
        symbolRoles: int32(occurrence, 3),
        enclosingRange: int32s(occurrence, 7),
      })),
      symbols: messages(document, 3).map(readSymbol),
    })),
    externalSymbols: messages(index, 3).map(readSymbol),
    fieldOrder: firstSeenOrder(bytes),
  };
}

function readSymbol(symbol: ReturnType<typeof readMessage>): ReadSymbol {
  return {
    symbol: string(symbol, 1),
    documentation: strings(symbol, 3),
    kind: int32(symbol, 5),
    displayName: string(symbol, 6),
  };
}

function firstSeenOrder(bytes: Uint8Array): number[] {
  const order: number[] = [];
  for (const field of readMessage(bytes).keys()) order.push(field);
  return order;
}
