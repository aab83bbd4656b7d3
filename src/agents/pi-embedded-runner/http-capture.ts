/**
 * The reply guard (reply-guard.ts) in front of the global fetch, for the duration of one model call: pi-ai's
 * provider SDKs (Anthropic, OpenAI Responses, Google) call the global fetch, so every reply they get is
 * checked by the same rules as our own transport's before the SDK parses it. Whole lines are handed on,
 * and the terminal event is looked for in them.
 */
import { useBaselineWasmTier } from "../../infra/v8-flags.js";
import { withinIdle, type AttemptObservation, type ReplyGuard } from "./reply-guard.js";

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

export async function withGuardedFetch<T>(guard: ReplyGuard, run: (observe: () => AttemptObservation) => Promise<T>): Promise<T> {
  const { limits } = guard;
  const original = globalThis.fetch;

  // pi-ai's SDKs call the global fetch (undici and its WebAssembly parser).
  useBaselineWasmTier();
  globalThis.fetch = async (input, init) => {
    const url = requestUrl(input);
    const local = new AbortController();
    const signal = init?.signal ? AbortSignal.any([init.signal, local.signal]) : local.signal;
    const onIdle = guard.idle(url, () => local.abort());
    const response = await withinIdle(original(input, { ...init, signal, redirect: "manual" }), limits.idleMs, onIdle);
    const head = { status: response.status, header: (name: string) => response.headers.get(name) ?? undefined };
    const release = () => void response.body?.cancel().catch(() => undefined);

    if (guard.checkHead(url, head, release) === "failure") {
      const reader = response.body?.getReader();
      const read = async () => (reader ? ((await reader.read()).value ?? undefined) : undefined);
      const failure = await guard.readFailure(head, read, () => void reader?.cancel().catch(() => undefined), onIdle);
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      headers.delete("content-encoding");
      return new Response(failure.body, { status: response.status, statusText: response.statusText, headers });
    }
    if (!response.body) return response;

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const gate = guard.lineGate(url);
    const fail = (error: unknown): never => {
      local.abort();
      void reader.cancel().catch(() => undefined);
      throw error;
    };
    const pass = (lines: Uint8Array) => {
      guard.scanForTerminal(decoder.decode(lines));
      return lines;
    };
    const guarded = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // Loop until whole lines can be handed on: a pull that enqueues nothing is not called again.
        for (;;) {
          const { done, value } = await withinIdle(reader.read(), limits.idleMs, onIdle).catch(fail);
          if (done) {
            const last = gate.flush();
            if (last) controller.enqueue(pass(last));
            controller.close();
            return;
          }
          let lines: Uint8Array | undefined;
          try {
            lines = gate.take(value);
          } catch (error) {
            fail(error);
          }
          if (lines) {
            controller.enqueue(pass(lines));
            return;
          }
        }
      },
      cancel(reason) {
        local.abort();
        return reader.cancel(reason);
      },
    });
    return new Response(guarded, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  try {
    return await run(() => guard.observe());
  } finally {
    globalThis.fetch = original;
  }
}
