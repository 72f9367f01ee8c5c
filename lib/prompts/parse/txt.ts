import type { ParseEvent } from "../types";
import { invalidUtf8Issue, type DecodedLine } from "./byte-lines";

/** Plain text: every non-blank line is one prompt; there is no header and no metadata. */
export async function* parseTxt(lines: AsyncIterable<DecodedLine>): AsyncGenerator<ParseEvent> {
  for await (const { line, text, invalidUtf8 } of lines) {
    if (invalidUtf8) {
      yield { kind: "issue", issue: invalidUtf8Issue(line) };
      continue;
    }
    if (text.trim() === "") continue;
    yield { kind: "row", line, text };
  }
}
