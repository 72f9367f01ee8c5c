import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { AppError, type FieldIssue } from "../errors";
import { jsonErrorOffset } from "../stats/io/json-syntax";
import { lineColumnAt } from "../stats/io/text-position";

/**
 * A campaign spec file (YAML, or JSON — which is YAML too) read with the position of every node,
 * so that an error about a field (`models.1`, `criteria.0.question`) names the file and the line
 * it is on. Pure: the command line reads the file, the use cases never see it.
 */
export interface SpecFile {
  fileName: string;
  value: unknown;
  /** The 1-based line of a dotted field path: the key's line, or the closest enclosing node's when absent. */
  lineOf(field: string): number;
}

export function readSpecFile(text: string, fileName: string): SpecFile {
  if (/\.json$/i.test(fileName)) checkJsonSyntax(text, fileName);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) throw syntaxError(fileName, lineCounter.linePos(problem.pos[0]).line, problem.message.split("\n")[0]);
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  return {
    fileName,
    value,
    lineOf(field: string): number {
      let node: unknown = document.contents;
      let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : 1;
      if (field === "(root)") return line;
      for (const segment of field.split(".")) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
          if (!pair) return line;
          if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
          node = pair.value;
        } else if (isSeq(node) && /^\d+$/.test(segment)) {
          const item = node.items[Number(segment)];
          if (!item) return line;
          if ((item as Node).range) line = lineAt((item as Node).range![0]);
          node = item;
        } else return line;
      }
      return line;
    },
  };
}

/** The use case's field issues, each prefixed with `file:line:` (what an editor jumps to). */
export function locateIssues(error: AppError, file: SpecFile): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    field: `${file.fileName}:${file.lineOf(issue.field)}: ${issue.field}`,
    message: issue.message,
  }));
  const count = issues.length === 1 ? "a problem" : `${issues.length} problems`;
  const detail = issues.length > 0 ? `${count}; nothing was written` : error.message;
  return new AppError(error.code, `${file.fileName}: ${detail}`, issues);
}

function syntaxError(fileName: string, line: number, message: string): AppError {
  return new AppError("VALIDATION", `${fileName}: not valid ${/\.json$/i.test(fileName) ? "JSON" : "YAML"}`, [
    { field: `${fileName}:${line}`, message: `syntax error: ${message}` },
  ]);
}

/** JSON is stricter than YAML (no comments, quoted keys): a .json file must be JSON. */
function checkJsonSyntax(text: string, fileName: string): void {
  try {
    JSON.parse(text);
  } catch {
    // V8's message does not always carry a position: the offset comes from our own reader.
    const offset = jsonErrorOffset(text);
    const { line, column } = lineColumnAt(text, Math.max(0, offset));
    const found = offset < 0 || offset >= text.length ? "end of file" : JSON.stringify(text[offset]);
    throw syntaxError(fileName, line, `unexpected ${found} at column ${column}`);
  }
}
