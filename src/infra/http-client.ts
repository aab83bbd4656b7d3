/**
 * The one HTTP client for non-LLM calls (model catalogs). undici's fetch with an EnvHttpProxyAgent when a
 * proxy variable is set, a hard timeout, and typed errors that name the URL (never a key).
 */
import { OpenClawError } from "./errors.js";
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

type ProxiedFetch = { fetch: typeof globalThis.fetch; dispatcher: { destroy: () => Promise<void> } | undefined };

/** undici's fetch through an EnvHttpProxyAgent (honours NO_PROXY); loaded only when a proxy is set. */
async function proxiedFetch(proxy: NonNullable<ReturnType<typeof proxySettings>>): Promise<ProxiedFetch> {
  const undici = await import("undici");
  // undici is CommonJS: bundled into its own chunk, its exports arrive as `default` only.
  const { fetch, EnvHttpProxyAgent } = undici.default ?? undici;
  return { fetch: fetch as unknown as typeof globalThis.fetch, dispatcher: new EnvHttpProxyAgent(proxy) };
}

export type FetchJsonOptions = { headers?: Record<string, string>; timeoutMs?: number; env?: EnvRecord; signal?: AbortSignal };

export type RequestJsonOptions = FetchJsonOptions & { method?: "GET" | "POST"; body?: unknown };

/** A reply whose status the caller interprets (device-code polling answers 202/403/410 on purpose). */
export type JsonReply = { status: number; headers: Headers; json: unknown; text: string };

/**
 * Sends one request and returns the status with the body parsed as JSON when it is JSON (else `json` is
 * undefined). Throws only for transport failures: timeout, unreachable host, or the caller's abort.
 */
export async function requestJson(url: string, options: RequestJsonOptions = {}): Promise<JsonReply> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5000;
  const proxy = proxySettings(env);
  // Node's own fetch when no proxy variable is set: importing the undici package (over a hundred modules)
  // and optimising its WebAssembly parser in the background held the process about 300 ms at exit.
  const { fetch, dispatcher } = proxy ? await proxiedFetch(proxy) : { fetch: globalThis.fetch, dispatcher: undefined };
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const hasBody = options.body !== undefined;
  try {
    const response = await fetch(url, {
      method: options.method ?? (hasBody ? "POST" : "GET"),
      headers: { ...(hasBody ? { "Content-Type": "application/json" } : {}), ...options.headers },
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      signal,
      ...(dispatcher ? { dispatcher } : {}),
    } as RequestInit);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers as unknown as Headers, json, text };
  } catch (err) {
    if (options.signal?.aborted) {
      throw new OpenClawError("HTTP_ABORTED", `Cancelled while waiting for ${url}`, { cause: err });
    }
    if (timeout.aborted) {
      throw new OpenClawError("HTTP_TIMEOUT", `Timed out after ${timeoutMs} ms fetching ${url}`, {
        hint: "Check your network or proxy settings (HTTPS_PROXY / NO_PROXY) and retry.",
        cause: err,
      });
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new OpenClawError("HTTP_NETWORK", `Could not reach ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, {
      hint: proxy ? "Check the proxy in HTTPS_PROXY/HTTP_PROXY." : "Check your network connection and DNS.",
      cause: err,
    });
  } finally {
    // destroy, not close: close() waits for in-flight requests, and a proxy that accepts and never
    // answers would hold it for undici's 5-minute header timeout after our own limit already fired.
    await dispatcher?.destroy().catch(() => undefined);
  }
}

/** GET (or `requestJson` with its options) that insists on a 2xx JSON reply. */
export async function fetchJson(url: string, options: RequestJsonOptions = {}): Promise<unknown> {
  const reply = await requestJson(url, options);
  if (reply.status < 200 || reply.status >= 300) {
    throw new OpenClawError("HTTP_STATUS", `${url} answered HTTP ${reply.status}`, {
      hint: reply.status >= 500 ? "The service is having trouble; retry later." : "Check the URL and your credentials.",
      status: reply.status,
    });
  }
  if (reply.json === undefined) {
    throw new OpenClawError("HTTP_BAD_JSON", `${url} did not return JSON`, { hint: "Check the base URL points at the API." });
  }
  return reply.json;
}
