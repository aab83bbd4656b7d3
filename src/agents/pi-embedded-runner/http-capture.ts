/**
 * The LLM transport (pi-ai -> openai SDK) reports HTTP failures as bare text. To explain them precisely
 * (402 buy-credits URL, Retry-After) we observe failed responses on the global fetch for the duration
 * of one call. Bodies of successful responses are never touched.
 */
import type { HttpFailure } from "./gateway-errors.js";

export async function withHttpFailureCapture<T>(run: (lastFailure: () => HttpFailure | undefined) => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  let last: HttpFailure | undefined;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    if (!response.ok) {
      const retryAfter = response.headers.get("retry-after") ?? undefined;
      last = { status: response.status, body: await response.clone().text().catch(() => ""), ...(retryAfter ? { retryAfter } : {}) };
    }
    return response;
  };
  try {
    return await run(() => last);
  } finally {
    globalThis.fetch = original;
  }
}
