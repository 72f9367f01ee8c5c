import { expect } from "vitest";
import type { BrowserContext, Response } from "playwright-core";

/** One response as a browser received it: URL, headers and body, or why the body could not be read. */
export interface Received {
  text: string;
  unreadable?: string;
}

/**
 * The URL, headers and body of one response. Only a redirect has no body: any other body that
 * cannot be read is reported as unreadable, which fails the scan rather than leaving it unchecked.
 */
async function receivedText(response: Response): Promise<Received> {
  const headers = await response.allHeaders().catch(() => response.headers());
  const head = `${response.url()}\n${JSON.stringify(headers)}`;
  if (response.status() >= 300 && response.status() < 400) return { text: head };
  try {
    return { text: `${head}\n${(await response.body()).toString("utf8")}` };
  } catch (error) {
    return { text: head, unreadable: `${response.url()}: ${(error as Error).message}` };
  }
}

/**
 * Records every non-image response the context's pages receive, each body read in full (what a
 * blindness scan needs: a body missed is a leak unchecked). Call before the context opens a page.
 */
export async function recordResponses(context: BrowserContext) {
  // Chromium finishes loading (and Playwright can read) only the bodies a page reads; a page
  // reads no body from, say, an undo that succeeded. Every fetch answer is read from a clone, so
  // every body reaches the scan.
  await context.addInitScript(() => {
    const fetchAndRead = window.fetch;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await fetchAndRead(...args);
      void response
        .clone()
        .arrayBuffer()
        .catch(() => null);
      return response;
    };
  });
  // The promises are collected as responses arrive and all awaited before the scan, so no body
  // still in flight is missed.
  const bodies: Promise<Received>[] = [];
  const loading = new Set<Response>();
  context.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (type.startsWith("image/")) return;
    loading.add(response);
    bodies.push(receivedText(response).finally(() => loading.delete(response)));
  });

  /** Waits until no body is loading: a body still loading when the page navigates away is lost. */
  const settled = () =>
    expect.poll(() => [...loading].map((r) => `${r.request().method()} ${r.url()}`), { timeout: 30_000 }).toEqual([]);

  return {
    settled,
    /**
     * Every response so far, each read in full, after asserting that none names any of `names`
     * (and that every body could be read). Returns them for further checks.
     */
    async expectNoneNames(names: readonly string[]): Promise<Received[]> {
      await settled();
      const responses = await Promise.all(bodies);
      expect(responses.flatMap((r) => r.unreadable ?? [])).toEqual([]);
      for (const name of names) {
        const naming = responses.filter((r) => r.text.includes(name)).map((r) => r.text.split("\n")[0]);
        expect(naming, `responses naming "${name}"`).toEqual([]);
      }
      return responses;
    },
  };
}
