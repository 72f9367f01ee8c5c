/** 1-based line and column of a character offset in a text. O(offset). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** An input error that names its place in the file. */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number | undefined,
    readonly detail: string,
  ) {
    super(`${source}:${line}${column !== undefined ? `:${column}` : ""}: ${detail}`);
    this.name = "InputError";
  }
}
