import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the photogenic command", () => {
  it("prints its version, and neither it nor npm around it prints a warning", { timeout: 120_000 }, async () => {
    // Through npm, as a user runs it: npm's own warnings (an unknown .npmrc key, say) go to stderr.
    const { stdout, stderr } = await run("npm", ["run", "photogenic", "--", "--version"], {
      env: { ...process.env, NO_UPDATE_NOTIFIER: "1" },
    });
    expect(stderr).toBe("");
    expect(stdout.trim().split("\n").at(-1)).toMatch(
      new RegExp(`^${version.replace(/\./g, "\\.")}( \\([0-9a-f]{12}\\))?$`),
    );
  });
});
