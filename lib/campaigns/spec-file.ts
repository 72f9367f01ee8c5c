import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { AppError, type FieldIssue } from "../errors";

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
    const { offset, message } = jsonSyntaxError(text);
    throw syntaxError(fileName, text.slice(0, offset).split("\n").length, message);
  }
}

/**
 * Where JSON text stops being JSON (V8's JSON.parse message does not always say): a small
 * recursive-descent reader of RFC 8259 that reports the offset of the first bad character.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { offset: i });
  };
  const space = () => {
    while (/[ \t\n\r]/.test(text[i] ?? "")) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail(`expected ${word}`));
  const string = () => {
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text[i] === "\n") fail("unterminated string");
      if (text[i] === "\\") i++;
      i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail("expected a quoted key");
        string();
        space();
        if (text[i] !== ":") fail("expected :");
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail("expected , or }");
      }
    } else if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail("expected , or ]");
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!number) fail(i >= text.length ? "unexpected end of file" : `unexpected ${JSON.stringify(c)}`);
      i += number![0].length;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail("unexpected text after the end");
  } catch (error) {
    return { offset: (error as { offset: number }).offset, message: (error as Error).message };
  }
  return { offset: text.length, message: "invalid JSON" };
}
