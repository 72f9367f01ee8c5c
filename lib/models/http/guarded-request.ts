import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { GenerationError } from "../errors";
import { blockedAddressReason, hostOf, isAllowlisted, type AllowedHost } from "./address-policy";

/** Redirects followed per request, each one checked like the first URL. */
export const MAX_REDIRECTS = 5;

export interface GuardedResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
  /** The URL that answered (after redirects). */
  url: URL;
}

export interface GuardedRequestOptions {
  method: "POST" | "GET" | "PUT" | "DELETE";
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
  maxResponseBytes: number;
  allowlist: readonly AllowedHost[];
  /** Kept-alive connections per adapter; the address a socket connected to was checked. */
  agents: GuardedAgents;
  /** Safe name of the endpoint for messages (no credentials). */
  where: string;
}

/** A refused address: not retryable, and the message names only the kind of address. */
export class BlockedAddressError extends GenerationError {
  constructor(where: string, reason: string) {
    super(
      `${where}: refused: the host is a ${reason} address; an operator can allow it with MODEL_HOST_ALLOWLIST`,
      false,
    );
    this.name = "BlockedAddressError";
  }
}

/**
 * DNS lookup that refuses a name when any of its addresses is blocked, and hands the socket only
 * addresses it checked: the connection goes to the address that was checked, so a DNS answer that
 * changes between a check and the connect (rebinding) cannot reach a blocked one.
 */
export const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as unknown as LookupAddress[];
    const blocked = list.map((a) => blockedAddressReason(a.address)).find((r) => r !== undefined);
    if (blocked || list.length === 0) {
      const refusal = Object.assign(new Error(`blocked address: ${blocked ?? "no address"}`), {
        code: "EBLOCKEDADDRESS",
        reason: blocked ?? "unresolvable",
      });
      return callback(refusal, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

export interface GuardedAgents {
  http: http.Agent;
  https: https.Agent;
  /** For allow-listed hosts: the operator vouches for them, so their addresses are not checked. */
  allowedHttp: http.Agent;
  allowedHttps: https.Agent;
}

/** Agents for one adapter: keep-alive; every new connection to a host not allow-listed goes through the checked lookup. */
export function guardedAgents(maxSockets: number): GuardedAgents {
  const checked = { keepAlive: true, maxSockets, lookup: checkedLookup };
  return {
    http: new http.Agent(checked as http.AgentOptions),
    https: new https.Agent(checked as https.AgentOptions),
    allowedHttp: new http.Agent({ keepAlive: true, maxSockets }),
    allowedHttps: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

export function destroyAgents(agents: GuardedAgents): void {
  for (const agent of Object.values(agents)) agent.destroy();
}

/**
 * One request to a model server with every hop checked: the first URL and each redirect target
 * must be http(s), and its host either allow-listed or resolving only to public addresses (an IP
 * literal is checked as is). Redirects are followed here, at most MAX_REDIRECTS; 301/302/303 turn
 * a POST into a GET without body (as browsers and fetch do), and credentials are not sent to
 * another origin.
 */
export async function guardedRequest(start: string, options: GuardedRequestOptions): Promise<GuardedResponse> {
  let url = new URL(start);
  let { method, body } = options;
  let headers = { ...options.headers };
  for (let hop = 0; ; hop++) {
    const allowlisted = isAllowlisted(url, options.allowlist);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new GenerationError(`${options.where}: redirected to a ${url.protocol} URL; only http(s) is followed`);
    if (!allowlisted && isIP(hostOf(url))) {
      const reason = blockedAddressReason(hostOf(url));
      if (reason) throw new BlockedAddressError(options.where, reason);
    }
    const res = await send(url, method, headers, body, allowlisted, options);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && status !== 304 && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS)
        throw new GenerationError(`${options.where}: more than ${MAX_REDIRECTS} redirects`, false);
      const next = new URL(location, url);
      if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        headers = withoutBodyHeaders(headers);
      }
      if (next.origin !== url.origin) headers = withoutCredentials(headers);
      url = next;
      continue;
    }
    const bytes = await readLimited(res, options.maxResponseBytes, options.where);
    return { status, statusText: res.statusMessage ?? "", headers: res.headers, bytes, url };
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  allowlisted: boolean,
  options: GuardedRequestOptions,
): Promise<http.IncomingMessage> {
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
      signal: options.signal,
      agent: allowlisted
        ? secure
          ? options.agents.allowedHttps
          : options.agents.allowedHttp
        : secure
          ? options.agents.https
          : options.agents.http,
    });
    req.once("response", resolve);
    req.once("error", (err: NodeJS.ErrnoException & { reason?: string }) => {
      if (err.code === "EBLOCKEDADDRESS") reject(new BlockedAddressError(options.where, err.reason ?? "blocked"));
      else reject(err);
    });
    req.end(body);
  });
}

/** Read a body, refusing (without buffering further) one larger than `limit` bytes. */
async function readLimited(res: http.IncomingMessage, limit: number, where: string): Promise<Buffer> {
  const tooLarge = () => new GenerationError(`${where}: response larger than ${limit} bytes (maxResponseBytes)`);
  if (Number(res.headers["content-length"]) > limit) {
    res.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      res.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding"]);
/** Headers a redirect to another origin keeps: nothing that may carry a credential. */
const PORTABLE_HEADERS = new Set(["content-type", "accept", "accept-encoding", "user-agent"]);

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !BODY_HEADERS.has(k.toLowerCase())));
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => PORTABLE_HEADERS.has(k.toLowerCase())));
}
