// The language server: capabilities, document tracking and the binding of every handler in one place.
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols } from './features/documentSymbols';
import { parseMakefile } from './parser/parser';
import type { ParsedMakefile } from './parser/ast';
import { PRODUCT_NAME, PRODUCT_VERSION } from './version';

export class MakescopeServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new Map<string, { version: number; file: ParsedMakefile }>();

  constructor(private readonly connection: Connection) {}

  capabilities(): ServerCapabilities {
    return {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: true,
    };
  }

  initialize(_params: InitializeParams): InitializeResult {
    return {
      capabilities: this.capabilities(),
      serverInfo: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
    };
  }

  register(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onDocumentSymbol((params) => {
      const file = this.parse(params.textDocument.uri);
      return file ? documentSymbols(file) : [];
    });
    documents.onDidClose((event) => this.parsed.delete(event.document.uri));
    documents.listen(connection);
  }

  private parse(uri: string): ParsedMakefile | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.parsed.get(uri);
    if (cached && cached.version === document.version) return cached.file;
    const file = parseMakefile(document.getText());
    this.parsed.set(uri, { version: document.version, file });
    return file;
  }
}
