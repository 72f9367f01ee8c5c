import { describe, expect, it } from "vitest";
import { defaultSetName, MAX_UPLOAD_BYTES, readPromptUpload } from "./prompt-upload";

function upload(fields: Record<string, string | File>, headers: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const request = new Request("http://localhost/api/prompt-sets", { method: "POST", body: form });
  if (Object.keys(headers).length === 0) return request;
  const merged = new Headers(request.headers);
  for (const [k, v] of Object.entries(headers)) merged.set(k, v);
  return new Request(request, { headers: merged, duplex: "half" } as RequestInit);
}

const file = (content: string, name = "prompts.csv") => new File([content], name, { type: "text/csv" });

async function text(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

describe("readPromptUpload", () => {
  it("reads the file and fields, naming the set after the file by default", async () => {
    const result = await readPromptUpload(
      upload({ file: file("prompt\nA cat\n", "My Set.v2.csv"), format: "csv", maxLength: "500" }),
    );
    expect(result).toMatchObject({ name: "My Set.v2", fileName: "My Set.v2.csv", format: "csv", maxLength: 500 });
    expect(await text(result.stream)).toBe("prompt\nA cat\n");
    const named = await readPromptUpload(
      upload({ file: file("a\n", "x.txt"), name: "  Parti  ", format: "", maxLength: "" }),
    );
    expect(named).toMatchObject({ name: "Parti", format: undefined, maxLength: undefined });
  });

  it("refuses what is not a multipart upload with a file", async () => {
    await expect(
      readPromptUpload(
        new Request("http://localhost/x", {
          method: "POST",
          body: "{}",
          headers: { "content-type": "application/json" },
        }),
      ),
    ).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      status: 415,
    });
    await expect(readPromptUpload(upload({ name: "x" }))).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ field: "file" }],
    });
  });

  it("names the bad field", async () => {
    await expect(readPromptUpload(upload({ file: file("a\n"), format: "xml" }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: "format" }],
    });
    await expect(readPromptUpload(upload({ file: file("a\n"), maxLength: "lots" }))).rejects.toMatchObject({
      issues: [{ field: "maxLength" }],
    });
    await expect(readPromptUpload(upload({ file: file("a\n"), maxLength: "0" }))).rejects.toMatchObject({
      issues: [{ field: "maxLength" }],
    });
    await expect(readPromptUpload(upload({ file: file("a\n"), name: "n".repeat(201) }))).rejects.toMatchObject({
      issues: [{ field: "name" }],
    });
  });

  it("answers 413 for an oversized body before reading it, and for an oversized file", async () => {
    const big = upload({ file: file("a\n") }, { "content-length": String(MAX_UPLOAD_BYTES + 1024 * 1024) });
    await expect(readPromptUpload(big)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      status: 413,
      issues: [{ field: "file" }],
    });
    const huge = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "huge.txt");
    await expect(readPromptUpload(upload({ file: huge }))).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("50 MB"),
    });
  });

  it("derives set names", () => {
    expect(defaultSetName("PartiPrompts.tsv")).toBe("PartiPrompts");
    expect(defaultSetName("/tmp/DrawBench.csv")).toBe("DrawBench");
    expect(defaultSetName(".csv")).toBe(".csv");
    expect(defaultSetName("noext")).toBe("noext");
  });
});
