import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@": root,
  "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
  // next-auth imports "next/server" without an extension, which Node's ESM resolver (unlike
  // Next's bundler) cannot find in a package without an exports map; tests that load the guard need it.
  "next/server": fileURLToPath(new URL("./node_modules/next/server.js", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "workers/**/*.test.ts",
            "scripts/**/*.test.ts",
            "app/**/*.test.ts",
            "tests/unit/**/*.test.ts",
          ],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          // Transformed by vite, so the "next/server" alias above applies inside next-auth.
          server: { deps: { inline: ["next-auth"] } },
          exclude: ["node_modules/**", ".data/**"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/database-per-file.ts"],
          // One database per test file worker is set up in global setup; files run in parallel forks.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.spec.ts", "tests/bad-input/**/*.spec.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/setup.ts"],
          // One browser-driven file at a time: the app and Chromium share two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
