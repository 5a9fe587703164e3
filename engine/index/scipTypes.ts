// The part of SCIP (Sourcegraph's scip.proto) that a Makefile index fills, as plain objects, with its enum values.

/** `SymbolRole` bits of an occurrence. */
export const SymbolRole = { Definition: 0x1, WriteAccess: 0x4, ReadAccess: 0x8 } as const;

/** `TextEncoding` of the files on disk (`Metadata.text_document_encoding`). */
export const TextEncoding = { UTF8: 1, UTF16: 2 } as const;

/** `PositionEncoding` of a document's character offsets (`Document.position_encoding`). */
export const PositionEncoding = {
  UTF8CodeUnitOffsetFromLineStart: 1,
  UTF16CodeUnitOffsetFromLineStart: 2,
} as const;

/** `SymbolInformation.Kind` values used here. */
export const SymbolKind = { Unspecified: 0, Variable: 61 } as const;

export interface ScipIndex {
  metadata: ScipMetadata;
  documents: ScipDocument[];
}

export interface ScipMetadata {
  toolName: string;
  toolVersion: string;
  toolArguments: string[];
  /** URI of the directory every document's path is relative to. */
  projectRoot: string;
  textDocumentEncoding: number;
}

export interface ScipDocument {
  /** `/`-separated, relative to the project root. */
  relativePath: string;
  /** A `Language` enum name: `Makefile`. */
  language: string;
  positionEncoding: number;
  occurrences: ScipOccurrence[];
  symbols: ScipSymbolInformation[];
}

export interface ScipOccurrence {
  /** `[startLine, startCharacter, endCharacter]` on one line, else `[startLine, startCharacter, endLine, endCharacter]`. */
  range: number[];
  symbol: string;
  symbolRoles: number;
  /** For a definition, the whole assignment or rule, in the same form as `range`. */
  enclosingRange?: number[];
}

export interface ScipSymbolInformation {
  symbol: string;
  /** Markdown, one string per definition. */
  documentation: string[];
  kind: number;
  displayName: string;
}
