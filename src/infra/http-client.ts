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

export type FetchJsonOptions = { headers?: Record<string, string>; timeoutMs?: number; env?: EnvRecord; signal?: AbortSignal };

export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5000;
  const undici = await import("undici");
  // undici is CommonJS: bundled into its own chunk, its exports arrive as `default` only.
  const { fetch, EnvHttpProxyAgent } = undici.default ?? undici;
  const proxy = proxySettings(env);
  const dispatcher = proxy ? new EnvHttpProxyAgent(proxy) : undefined;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(url, { headers: options.headers, signal, ...(dispatcher ? { dispatcher } : {}) });
  } catch (err) {
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
    await dispatcher?.close().catch(() => undefined);
  }
  if (!response.ok) {
    const error = new OpenClawError("HTTP_STATUS", `${url} answered HTTP ${response.status}`, {
      hint: response.status >= 500 ? "The service is having trouble; retry later." : "Check the URL and your credentials.",
    });
    Object.assign(error, { status: response.status });
    throw error;
  }
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new OpenClawError("HTTP_BAD_JSON", `${url} did not return JSON`, { hint: "Check the base URL points at the API.", cause: err });
  }
}
