/** A tiny cookie-carrying HTTP client for probing the served app as one identity. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  setCookies(response: Response): string[] {
    const raw = response.headers.getSetCookie();
    for (const line of raw) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return raw;
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"));
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const response = await fetch(`${this.baseUrl}${pathname}`, { redirect: "manual", ...init, headers });
    this.setCookies(response);
    return response;
  }

  /** Auth.js sign-in through its own endpoints: CSRF token first, then the provider callback. */
  async signIn(
    provider: "credentials" | "join",
    fields: Record<string, string>,
    options: { withCsrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const body = new URLSearchParams({
      ...fields,
      callbackUrl: this.baseUrl,
      ...(options.withCsrf === false ? {} : { csrfToken }),
    });
    return this.request(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
      body,
    });
  }
}
