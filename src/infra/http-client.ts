/**
 * The one HTTP client. `openHttpRequest` opens a request (node:http(s), or undici through a proxy) and
 * streams its body; `requestJson` and `fetchStreaming` add a hard timeout, JSON parsing or a
 * streaming reader, and typed errors that name the URL (never a key).
 */
import { OpenClawError } from "./errors.js";
import type { IncomingMessage } from "node:http";
import { finished } from "node:stream";
import { useBaselineWasmTier } from "./v8-flags.js";
import type { EnvRecord } from "./env.js";

const PROXY_VARS = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] as const;

export function proxySettings(env: EnvRecord): { httpProxy?: string; httpsProxy?: string; noProxy?: string } | undefined {
  const httpsProxy = env.HTTPS_PROXY || env.https_proxy;
  const httpProxy = env.HTTP_PROXY || env.http_proxy;
  if (!PROXY_VARS.some((name) => env[name])) return undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy !== undefined ? { noProxy } : {}),
  };
}

type ProxiedFetch = { fetch: typeof globalThis.fetch; dispatcher: { destroy: () => Promise<void> } };

/** undici's fetch through an EnvHttpProxyAgent (honours NO_PROXY); loaded only when a proxy is set. */
async function proxiedFetch(proxy: NonNullable<ReturnType<typeof proxySettings>>): Promise<ProxiedFetch> {
  useBaselineWasmTier();
  const undici = await import("undici");
  // undici is CommonJS: bundled into its own chunk, its exports arrive as `default` only.
  const { fetch, EnvHttpProxyAgent } = undici.default ?? undici;
  return { fetch: fetch as unknown as typeof globalThis.fetch, dispatcher: new EnvHttpProxyAgent(proxy) };
}

/** One response, head received, body still on the wire. */
export type HttpStreamResponse = {
  status: number;
  statusText: string;
  /** A response header by (case-insensitive) name; repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /** The body as it arrives, read by read. Reading to the end releases the connection. */
  body: AsyncIterable<Uint8Array>;
  /**
   * Reads the body to its end, handing each part to `onPart` (synchronously, in order) as it arrives; the
   * cheaper way to read a big body. Rejects with the transport's error, or with what `onPart` threw (the
   * body is then closed). Use either this or `body`, not both.
   */
  readEach(onPart: (part: Uint8Array) => void): Promise<void>;
  /** Stops reading and closes the connection (idempotent). */
  cancel(): void;
};

export type OpenHttpRequestOptions = {
  /** GET, or POST when a body is given. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the request at any stage; the promise (or the body) then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Where proxy variables are read (default process.env). */
  env?: EnvRecord;
};

/**
 * Opens one request and resolves when the response head arrives. Redirects are never followed: a 3xx is
 * returned as it is, so a key never travels to a host the user did not configure.
 *
 * Without a proxy variable this is node:http(s) and nothing else. Node 20's global fetch costs about
 * 190 ms of CPU on first use (its bundled undici, a WebAssembly HTTP parser, web streams); node:http about
 * 12 ms. With HTTPS_PROXY/HTTP_PROXY set, undici's fetch goes through an EnvHttpProxyAgent (NO_PROXY
 * honoured). Transport failures reject with the underlying Node error (`code` such as ECONNREFUSED).
 */
export async function openHttpRequest(url: string, options: OpenHttpRequestOptions = {}): Promise<HttpStreamResponse> {
  const proxy = proxySettings(options.env ?? process.env);
  return proxy ? openThroughProxy(url, options, proxy) : openDirect(url, options);
}

async function openDirect(url: string, options: OpenHttpRequestOptions): Promise<HttpStreamResponse> {
  const target = new URL(url);
  const { request } = target.protocol === "https:" ? await import("node:https") : await import("node:http");
  const { signal, body } = options;
  signal?.throwIfAborted();
  const headers: Record<string, string | number> = { ...options.headers };
  if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
  return new Promise<HttpStreamResponse>((resolve, reject) => {
    // agent: false: one connection per request, closed with it, so nothing pooled keeps the process alive.
    const req = request(target, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, agent: false });
    const onAbort = () => req.destroy(signal?.reason as Error);
    signal?.addEventListener("abort", onAbort, { once: true });
    const release = () => signal?.removeEventListener("abort", onAbort);
    req.once("error", (err) => {
      release();
      reject(signal?.aborted ? signal.reason : err);
    });
    req.once("response", (res) => {
      // From here an abort ends the body: its iterator rejects with the signal's reason.
      signal?.removeEventListener("abort", onAbort);
      const abortBody = () => res.destroy(signal?.reason as Error);
      signal?.addEventListener("abort", abortBody, { once: true });
      res.once("close", () => signal?.removeEventListener("abort", abortBody));
      // An error after the head reaches whoever reads the body; it must not also be unhandled here.
      req.on("error", () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(", ") : value;
        },
        body: res,
        readEach: (onPart) => readEachEvent(res, onPart),
        cancel: () => {
          res.destroy();
          req.destroy();
        },
      });
    });
    req.end(body);
  });
}

/**
 * `readEach` on a node:http reply, from its 'data' events: per read, no promise, no async iterator and
 * no timer hop (a 35 MB catalog arrives in some 550 reads).
 */
function readEachEvent(res: IncomingMessage, onPart: (part: Uint8Array) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      res.destroy();
      reject(err);
    };
    res.on("data", (part: Uint8Array) => {
      if (settled) return;
      try {
        onPart(part);
      } catch (err) {
        fail(err);
      }
    });
    // finished() also answers for a reply that ended, failed or was closed before this call: its error,
    // or ERR_STREAM_PREMATURE_CLOSE for one closed before its end (what an async iterator would throw).
    finished(res, (err) => {
      if (err) fail(err);
      else if (!settled) {
        settled = true;
        resolve();
      }
    });
  });
}

async function openThroughProxy(url: string, options: OpenHttpRequestOptions, proxy: NonNullable<ReturnType<typeof proxySettings>>): Promise<HttpStreamResponse> {
  const { fetch, dispatcher } = await proxiedFetch(proxy);
  // destroy, not close: close() waits for in-flight requests, and a proxy that accepts and never answers
  // would hold it for undici's 5-minute header timeout after the caller's own limit already fired.
  const release = () => void dispatcher.destroy().catch(() => undefined);
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: options.headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      redirect: "manual",
      dispatcher,
    } as RequestInit);
  } catch (err) {
    release();
    if (options.signal?.aborted) throw options.signal.reason;
    // fetch wraps the socket's error in a TypeError("fetch failed"); callers get the socket's own.
    throw (err as { cause?: unknown }).cause ?? err;
  }
  const stream = response.body;
  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      if (stream) yield* stream as unknown as AsyncIterable<Uint8Array>;
    } finally {
      release();
    }
  }
  const parts = body();
  return {
    status: response.status,
    statusText: response.statusText,
    header: (name) => response.headers.get(name) ?? undefined,
    body: parts,
    readEach: async (onPart) => {
      for await (const part of parts) onPart(part);
    },
    cancel: () => {
      void stream?.cancel().catch(() => undefined);
      release();
    },
  };
}

export type FetchJsonOptions = { headers?: Record<string, string>; timeoutMs?: number; env?: EnvRecord; signal?: AbortSignal };

export type RequestJsonOptions = FetchJsonOptions & { method?: "GET" | "POST"; body?: unknown };

/** A reply whose status the caller interprets (device-code polling answers 202/403/410 on purpose). */
export type JsonReply = { status: number; json: unknown; text: string; location?: string };

/**
 * The time limits of one request. By default `timeoutMs` bounds all of it, head and body. With `idle`,
 * `timeoutMs` applies to each wait instead (for the head, then for each next read of the body), and
 * `idle.maxMs` bounds the whole: a big body that keeps arriving is not cut off, a stalled one still is.
 */
type RequestLimits = { timeoutMs: number; idle?: { maxMs: number } };

class RequestDeadline {
  readonly signal: AbortSignal;
  /** Which limit fired, if one did. */
  fired: "wait" | "total" | undefined;
  private readonly controller = new AbortController();
  private readonly waitTimer: NodeJS.Timeout;
  private readonly totalTimer: NodeJS.Timeout | undefined;

  constructor(private readonly limits: RequestLimits) {
    this.signal = this.controller.signal;
    this.waitTimer = this.arm("wait", limits.timeoutMs);
    this.totalTimer = limits.idle ? this.arm("total", limits.idle.maxMs) : undefined;
  }

  /** Data arrived: with per-wait limits, the next wait starts now. */
  progress(): void {
    if (!this.limits.idle || this.fired) return;
    // refresh() restarts the same timer: no new timer per read.
    this.waitTimer.refresh();
  }

  clear(): void {
    clearTimeout(this.waitTimer);
    clearTimeout(this.totalTimer);
  }

  private arm(kind: "wait" | "total", ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.fired ??= kind;
      this.controller.abort(new DOMException(`${kind} limit of ${ms} ms`, "TimeoutError"));
    }, ms);
    // A pending limit must not keep the process alive on its own.
    timer.unref();
    return timer;
  }

  error(url: string, cause: unknown): OpenClawError {
    const { timeoutMs, idle } = this.limits;
    const message =
      this.fired === "total"
        ? `Timed out after ${idle!.maxMs} ms fetching ${url}`
        : idle
          ? `Timed out after ${timeoutMs} ms without data from ${url}`
          : `Timed out after ${timeoutMs} ms fetching ${url}`;
    return new OpenClawError("HTTP_TIMEOUT", message, { hint: "Check your network or proxy settings (HTTPS_PROXY / NO_PROXY) and retry.", cause });
  }
}

/**
 * Opens one request within its time limits and lets `read` consume the response (`deadline.progress()`
 * as data arrives, for per-wait limits). Transport failures become typed errors naming the URL:
 * HTTP_TIMEOUT, HTTP_ABORTED (the caller's own signal) or HTTP_NETWORK. An OpenClawError thrown by `read`
 * passes through as it is.
 */
async function withTimedRequest<T>(
  url: string,
  options: RequestJsonOptions,
  limits: RequestLimits,
  read: (response: HttpStreamResponse, deadline: RequestDeadline) => Promise<T>,
): Promise<T> {
  const env = options.env ?? process.env;
  const deadline = new RequestDeadline(limits);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const hasBody = options.body !== undefined;
  try {
    const response = await openHttpRequest(url, {
      method: options.method ?? (hasBody ? "POST" : "GET"),
      headers: { ...(hasBody ? { "Content-Type": "application/json" } : {}), ...options.headers },
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      signal,
      env,
    });
    deadline.progress();
    return await read(response, deadline);
  } catch (err) {
    if (options.signal?.aborted) {
      throw new OpenClawError("HTTP_ABORTED", `Cancelled while waiting for ${url}`, { cause: err });
    }
    if (deadline.fired) throw deadline.error(url, err);
    if (err instanceof OpenClawError) throw err;
    const { code, message } = err as { code?: string; message?: string };
    throw new OpenClawError("HTTP_NETWORK", `Could not reach ${url}: ${code ?? message ?? String(err)}`, {
      hint: proxySettings(env) ? "Check the proxy in HTTPS_PROXY/HTTP_PROXY." : "Check your network connection and DNS.",
      cause: err,
    });
  } finally {
    deadline.clear();
  }
}

/**
 * Sends one request and returns the status with the body parsed as JSON when it is JSON (else `json` is
 * undefined). Throws only for transport failures: timeout, unreachable host, or the caller's abort.
 */
export async function requestJson(url: string, options: RequestJsonOptions = {}): Promise<JsonReply> {
  return withTimedRequest(url, options, { timeoutMs: options.timeoutMs ?? 5000 }, async (response) => {
    const parts: Buffer[] = [];
    for await (const part of response.body) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
    const text = Buffer.concat(parts).toString("utf8");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const location = response.header("location");
    return { status: response.status, json, text, ...(location ? { location } : {}) };
  });
}

function statusError(url: string, status: number, location: string | undefined): OpenClawError {
  const redirected = status >= 300 && status < 400;
  return new OpenClawError("HTTP_STATUS", `${url} answered HTTP ${status}${redirected ? ` (a redirect to ${location ?? "nowhere"})` : ""}`, {
    hint: redirected
      ? "Redirects are not followed, so a key never goes to another host: set the base URL to the address the service redirects to."
      : status >= 500
        ? "The service is having trouble; retry later."
        : "Check the URL and your credentials.",
    status,
  });
}

function badJsonError(url: string, cause: unknown): OpenClawError {
  return new OpenClawError("HTTP_BAD_JSON", `${url} did not return JSON`, { hint: "Check the base URL points at the API.", cause });
}

/** Options of `fetchStreaming`: `timeoutMs` bounds each wait (head, then each read); `maxMs` the whole. */
export type FetchStreamingOptions = FetchJsonOptions & { maxMs?: number };

/** Takes a body part by part, synchronously, as it arrives; `end` gives the result once all of it came. */
export type BodyReader<T> = { write(part: Uint8Array): void; end(): T };

/**
 * GET that insists on a 2xx reply and hands its body to `reader` as it arrives, read by read; nothing
 * holds the whole reply. `timeoutMs` (default 5 s) bounds the wait for the head and for each next read,
 * so a big body that keeps arriving over a slow link is not cut off, and `maxMs` (default 120 s) bounds
 * the whole request. `reader` throwing a SyntaxError means the body was not the JSON expected
 * (HTTP_BAD_JSON).
 */
export async function fetchStreaming<T>(url: string, options: FetchStreamingOptions, reader: BodyReader<T>): Promise<T> {
  const limits = { timeoutMs: options.timeoutMs ?? 5000, idle: { maxMs: options.maxMs ?? 120_000 } };
  return withTimedRequest(url, options, limits, async (response, deadline) => {
    if (response.status < 200 || response.status >= 300) {
      response.cancel();
      throw statusError(url, response.status, response.header("location"));
    }
    try {
      await response.readEach((part) => {
        deadline.progress();
        reader.write(part);
      });
      return reader.end();
    } catch (err) {
      if (err instanceof SyntaxError) throw badJsonError(url, err);
      throw err;
    } finally {
      response.cancel();
    }
  });
}
