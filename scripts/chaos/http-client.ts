/**
 * One simulated browser: a cookie jar, a request log shared by the run (status and time of every
 * answer, for the "no 5xx outside the restart windows" check), and no-JavaScript form posts of
 * server actions (what a browser without JS sends: the form's fields plus its $ACTION_ID_ input).
 */
export interface LoggedResponse {
  at: number;
  status: number;
  path: string;
}

export class RequestLog {
  readonly entries: LoggedResponse[] = [];
  networkErrors = 0;
  record(path: string, status: number): void {
    this.entries.push({ at: Date.now(), status, path });
  }
}

export class HttpClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly baseUrl: () => string,
    private readonly log: RequestLog,
  ) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"));
  }

  /** One attempt; a network error (server restarting) throws. */
  async request(path: string, init: RequestInit = {}, timeoutMs = 30_000): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(`${this.baseUrl()}${path}`, {
        redirect: "manual",
        ...init,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the whole body here: a server killed mid-answer fails the attempt, not the caller.
      body = await response.arrayBuffer();
    } catch (error) {
      this.log.networkErrors++;
      throw error;
    }
    this.log.record(path.split("?")[0], response.status);
    this.remember(response);
    const empty = [101, 204, 205, 304].includes(response.status);
    return new Response(empty ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  async json(path: string, body: unknown): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** GETs a page and posts its (first) server-action form the way a browser without JavaScript does. */
  async submitPageForm(path: string, extra: Record<string, string> = {}): Promise<Response> {
    const page = await this.request(path);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
    const marker = html.indexOf("$ACTION_ID_");
    const start = html.lastIndexOf("<form", marker);
    const end = html.indexOf("</form>", marker);
    if (marker < 0 || start < 0 || end < 0) throw new Error(`${path} has no server-action form`);
    const form = html.slice(start, end);
    const body = new FormData();
    for (const input of form.matchAll(/<input\b([^>]*)\/?>/g)) {
      const attrs = Object.fromEntries(
        [...input[1].matchAll(/([\w$:-]+)="([^"]*)"/g)].map((m) => [m[1], decodeEntities(m[2])]),
      );
      if (!attrs.name || (attrs.type && attrs.type !== "hidden")) continue;
      body.append(attrs.name, attrs.value ?? "");
    }
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    return this.request(path, { method: "POST", body, headers: { origin: this.baseUrl() } });
  }
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
