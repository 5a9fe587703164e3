// textDocument/signatureHelp: the signature of the make function call around the cursor, with the argument make would put the cursor in.
import type { ParameterInformation, Position, SignatureHelp } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { indicesNearLine } from '../../../engine/analysis/lineSpan';
import { FUNCTIONS, type FunctionDoc } from '../../../engine/analysis/makeFunctionDocs';
import { comparePositions } from '../../../engine/analysis/positions';
import type { Reference } from '../../../engine/parser/ast';
import { argumentIndexAt } from '../../../engine/parser/functionArguments';
import { BUILTIN_FUNCTIONS } from '../../../engine/parser/functionArity';

export const SIGNATURE_TRIGGER_CHARACTERS = ['(', ',', ' '];

export function signatureHelp(
  index: FileIndex,
  document: TextDocument,
  position: Position,
): SignatureHelp | null {
  const text = document.getText();
  const at = document.offsetAt(position);
  for (const call of callsAround(index.parsed.references, position)) {
    const doc = FUNCTIONS[call.name];
    if (!doc) continue;
    const start = document.offsetAt(call.range.start);
    const argument = argumentIndexAt(
      text,
      document.offsetAt(call.nameRange.end),
      at,
      text[start + 1],
      BUILTIN_FUNCTIONS.get(call.name) ?? 0,
    );
    // The cursor is after this call's closing parenthesis: the call around it is an outer one.
    if (argument < 0) continue;
    const active = Math.min(argument, doc.parameters.length - 1);
    return {
      signatures: [
        {
          label: doc.signature,
          documentation: { kind: 'markdown', value: doc.doc },
          parameters: parameterOffsets(doc),
          activeParameter: active,
        },
      ],
      activeSignature: 0,
      activeParameter: active,
    };
  }
  return null;
}

/** The function calls whose arguments can hold `position` (after the blank that ends the name), innermost first. */
function callsAround(references: readonly Reference[], position: Position): Reference[] {
  const [from, to] = indicesNearLine(references, position.line, (reference) => reference.range);
  const calls: Reference[] = [];
  for (let i = from; i < to; i++) {
    const reference = references[i];
    if (!reference.functionName) continue;
    if (comparePositions(reference.nameRange.end, position) >= 0) continue;
    if (comparePositions(position, reference.range.end) > 0) continue;
    calls.push(reference);
  }
  // The parser lists an outer reference before the ones nested in it.
  return calls.reverse();
}

/** Each parameter as its [start, end) in the label, found left to right so repeated names (`param,param`) stay apart. */
function parameterOffsets(doc: FunctionDoc): ParameterInformation[] {
  let from = doc.signature.indexOf(' ');
  return doc.parameters.map((parameter) => {
    const start = doc.signature.indexOf(parameter, from);
    from = start + parameter.length;
    return { label: [start, from] };
  });
}
