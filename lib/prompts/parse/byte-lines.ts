import { makeIssue, type ImportIssue } from "../issues";
import type { ByteChunks } from "../types";

export interface DecodedLine {
  /** 1-based physical line number. */
  line: number;
  /** Line content without its LF/CRLF terminator; invalid bytes replaced by U+FFFD. */
  text: string;
  /** True when the line's bytes were not valid UTF-8 (text then holds a lossy decoding). */
  invalidUtf8: boolean;
}

const LF = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Splits a byte stream into decoded physical lines, keeping only one partial line in memory.
 *
 * Lines are split on the LF byte *before* decoding: in UTF-8 the byte 0x0A never occurs inside
 * a multi-byte character, so this is safe and lets an invalid sequence be pinned to its exact
 * line. Each block of complete lines is decoded in one fatal TextDecoder call (fast path); only
 * when that throws is the block decoded line by line to find the culprit(s). Invalid lines are
 * still yielded, lossily decoded, so a CSV parser can keep its quote state in step.
 * A leading UTF-8 BOM is dropped; a lone CR (classic Mac line ending) is not a line break.
 */
export async function* readLines(chunks: ByteChunks): AsyncGenerator<DecodedLine> {
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let atFileStart = true;
  let nextLine = 1;

  function* decodeBlock(block: Uint8Array): Generator<DecodedLine> {
    if (atFileStart) {
      atFileStart = false;
      if (startsWith(block, UTF8_BOM)) block = block.subarray(UTF8_BOM.length);
    }
    let whole: string | undefined;
    try {
      whole = strict.decode(block);
    } catch {
      whole = undefined;
    }
    if (whole !== undefined) {
      const lines = whole.split("\n");
      // A block ends with LF (or is the unterminated last line): drop the empty tail after it.
      if (lines[lines.length - 1] === "") lines.pop();
      for (const text of lines) yield { line: nextLine++, text: stripCr(text), invalidUtf8: false };
      return;
    }
    yield* decodeLineByLine(block);
  }

  function* decodeLineByLine(block: Uint8Array): Generator<DecodedLine> {
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf(LF, start);
      if (end === -1) end = block.length;
      const bytes = block.subarray(start, end);
      let text: string;
      let invalidUtf8 = false;
      try {
        text = strict.decode(bytes);
      } catch {
        text = lossy.decode(bytes);
        invalidUtf8 = true;
      }
      yield { line: nextLine++, text: stripCr(text), invalidUtf8 };
      start = end + 1;
    }
  }

  for await (const chunk of chunks) {
    const lastLf = chunk.lastIndexOf(LF);
    if (lastLf === -1) {
      // Copy (Buffer.slice would only be a view): a producer may reuse its buffer after yielding it.
      pending.push(new Uint8Array(chunk));
      pendingLength += chunk.length;
      continue;
    }
    const head = chunk.subarray(0, lastLf + 1);
    const block = pendingLength === 0 ? head : concat([...pending, head], pendingLength + head.length);
    pending = [new Uint8Array(chunk.subarray(lastLf + 1))];
    pendingLength = pending[0].length;
    yield* decodeBlock(block);
  }
  if (pendingLength > 0) yield* decodeBlock(concat(pending, pendingLength));
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The issue every format reports for a line that is not valid UTF-8. */
export function invalidUtf8Issue(line: number): ImportIssue {
  return makeIssue("invalid-utf8", line, "line is not valid UTF-8 (save the file as UTF-8; Excel: “CSV UTF-8”)");
}
