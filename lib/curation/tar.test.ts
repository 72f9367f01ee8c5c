import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { tarBlocks, type TarFile } from "./tar";

const dir = mkdtempSync(path.join(tmpdir(), "tar-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function archive(files: TarFile[]): Promise<Buffer> {
  const blocks: Buffer[] = [];
  for await (const b of tarBlocks(files)) blocks.push(b);
  return Buffer.concat(blocks);
}

describe("tarBlocks", () => {
  it("writes an archive the system tar lists and extracts byte for byte, long names included", async () => {
    const long = `set/${"a-very-long-file-name-".repeat(6)}.png`;
    const files: TarFile[] = [
      { name: "set/metadata.jsonl", bytes: Buffer.from('{"file_name": "x.png", "text": "a cat"}\n') },
      { name: "set/x.png", bytes: Buffer.from([0, 1, 2, 3, 255]) },
      { name: long, bytes: Buffer.alloc(1500, 7) },
      { name: "set/empty.txt", bytes: Buffer.alloc(0) },
    ];
    const file = path.join(dir, "a.tar.gz");
    writeFileSync(file, gzipSync(await archive(files)));
    const listed = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(files.map((f) => f.name));
    execFileSync("tar", ["-xzf", file, "-C", dir]);
    for (const f of files) expect(readFileSync(path.join(dir, f.name)).equals(f.bytes), f.name).toBe(true);
  });
});
