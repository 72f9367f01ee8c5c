import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect-format";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("detectFormat", () => {
  it.each([
    ["PartiPrompts.tsv", "anything", "tsv"],
    ["prompts.TSV", "", "tsv"],
    ["DrawBench.csv", "\ufeffPrompt,Category", "csv"],
    ["set.jsonl", "", "jsonl"],
    ["set.ndjson", "", "jsonl"],
    ["set.json", "[{}]", "jsonl"],
    ["prompts.txt", "a cat, a dog\n", "txt"],
    ["excel-export.txt", "Prompt\tCategory\nx\ty\n", "tsv"],
    ["saved.txt", "id,Text\n1,x\n", "csv"],
    ["upload", '{"prompt":"a"}\n', "jsonl"],
    ["upload", '\n  [{"prompt":"a"}]', "jsonl"],
    ["upload", "Prompt\tCategory\tChallenge\tNote\n", "tsv"],
    ["upload", '"Prompt",Category\n', "csv"],
    ["upload", "a cat, on a mat\n", "txt"],
    ["notes.md", "a cat\n", "txt"],
  ])("%s + %j → %s", (name, head, expected) => {
    expect(detectFormat(name, bytes(head))).toBe(expected);
  });
});
