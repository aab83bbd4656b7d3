/**
 * A guard in front of the global fetch for the duration of one model call (pi-ai's provider SDKs call the
 * global fetch). It checks every reply before the SDK parses it, so validation does not depend on the
 * SDK's parser:
 * - no redirects are followed (a POST with the key must not wander to another host);
 * - a failed response's body is read up to a limit and kept (status, body, Retry-After) for the error;
 * - a 2xx response must be an event stream;
 * - the body may not be silent for longer than the idle limit (headers included), may not exceed the
 *   reply size limit, and no SSE line may exceed the line limit. Only whole lines are passed on, so the
 *   SDK never re-scans a growing partial line;
 * - whether the stream carried its terminal event (finish_reason, [DONE], message_stop...) is recorded,
 *   since SDKs report a stream that simply stops as a normal end.
 */
import type { HttpFailure } from "./gateway-errors.js";

export type ReplyLimits = {
  /** Longest silence (no byte, headers included) before the attempt is abandoned. */
  idleMs: number;
  /** Largest reply body. */
  maxReplyBytes: number;
  /** Longest single SSE line. */
  maxLineBytes: number;
  /** How much of a failed response's body is read. */
  maxErrorBodyBytes: number;
};

export const DEFAULT_REPLY_LIMITS: ReplyLimits = {
  idleMs: 120_000,
  maxReplyBytes: 32 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
  maxErrorBodyBytes: 64 * 1024,
};

/** Why the guard stopped a reply. */
export type GuardViolation =
  | { kind: "idle"; url: string; idleMs: number }
  | { kind: "not-event-stream"; url: string; status: number; contentType: string }
  | { kind: "redirect"; url: string; status: number; location: string }
  | { kind: "line-too-long"; url: string; limit: number }
  | { kind: "reply-too-large"; url: string; limit: number };

export type AttemptObservation = {
  /** The last non-2xx response. */
  failure?: HttpFailure;
  violation?: GuardViolation;
  /** Whether a 2xx event stream was opened. */
  streamOpened: boolean;
  /** Whether that stream carried its terminal event. */
  streamCompleted: boolean;
};

/** Recognises the event that ends a complete reply, per wire API (checked on decoded whole lines). */
const TERMINAL_EVENTS: Record<string, RegExp> = {
  "openai-completions": /^data:\s*\[DONE\]|"finish_reason"\s*:\s*"/m,
  "anthropic-messages": /"type"\s*:\s*"message_stop"|^event:\s*message_stop/m,
  "openai-responses": /"type"\s*:\s*"response\.(completed|incomplete|failed)"/,
  "google-generative-ai": /"finishReason"\s*:\s*"/,
};

class GuardError extends Error {
  constructor(readonly violation: GuardViolation) {
    super(`reply rejected: ${violation.kind} (${violation.url})`);
    this.name = "GuardError";
  }
}

const LF = 10;
const CR = 13;

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

/** Resolves `promise`, or rejects with `onIdle()` when nothing happens for `ms`. */
async function withinIdle<T>(promise: Promise<T>, ms: number, onIdle: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onIdle()), ms);
  });
  try {
    return await Promise.race([promise, idle]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads at most `limit` bytes of a body as text, then lets go of the connection. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number, idleMs: number, onIdle: () => Error): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await withinIdle(reader.read(), idleMs, onIdle);
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(parts);
  return bytes.subarray(0, Math.min(limit, bytes.byteLength)).toString("utf8");
}

export async function withGuardedFetch<T>(
  params: { api: string; limits: ReplyLimits },
  run: (observe: () => AttemptObservation) => Promise<T>,
): Promise<T> {
  const { limits } = params;
  const terminal = TERMINAL_EVENTS[params.api];
  const original = globalThis.fetch;
  const seen: AttemptObservation = { streamOpened: false, streamCompleted: false };
  const stop = (violation: GuardViolation): GuardError => {
    seen.violation ??= violation;
    return new GuardError(violation);
  };

  globalThis.fetch = async (input, init) => {
    const url = requestUrl(input);
    const local = new AbortController();
    const signal = init?.signal ? AbortSignal.any([init.signal, local.signal]) : local.signal;
    const onIdle = () => {
      local.abort();
      return stop({ kind: "idle", url, idleMs: limits.idleMs });
    };
    const response = await withinIdle(original(input, { ...init, signal, redirect: "manual" }), limits.idleMs, onIdle);

    if (response.status >= 300 && response.status < 400) {
      void response.body?.cancel().catch(() => undefined);
      throw stop({ kind: "redirect", url, status: response.status, location: response.headers.get("location") ?? "(no location)" });
    }
    if (!response.ok) {
      const body = await readCapped(response.body, limits.maxErrorBodyBytes, limits.idleMs, onIdle);
      const retryAfter = response.headers.get("retry-after") ?? undefined;
      seen.failure = { status: response.status, body, ...(retryAfter ? { retryAfter } : {}) };
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      headers.delete("content-encoding");
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    }
    const contentType = response.headers.get("content-type") ?? "";
    if (!/^\s*text\/event-stream\b/i.test(contentType)) {
      void response.body?.cancel().catch(() => undefined);
      throw stop({ kind: "not-event-stream", url, status: response.status, contentType: contentType || "(none)" });
    }
    seen.streamOpened = true;
    if (!response.body) return response;

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let total = 0;
    // The current, unfinished line: its pieces and length.
    let partial: Uint8Array[] = [];
    let partialLength = 0;
    const fail = (error: Error): never => {
      local.abort();
      void reader.cancel().catch(() => undefined);
      throw error;
    };
    /** The bytes of `chunk` that complete lines (with the pending partial line in front), or undefined. */
    const takeLines = (chunk: Uint8Array): Uint8Array | undefined => {
      total += chunk.byteLength;
      if (total > limits.maxReplyBytes) fail(stop({ kind: "reply-too-large", url, limit: limits.maxReplyBytes }));
      // Line lengths: scan terminators left to right, remembering the next LF and CR to stay linear.
      let lineStart = 0;
      let lastEnd = -1;
      let nextLf = chunk.indexOf(LF);
      let nextCr = chunk.indexOf(CR);
      let carried = partialLength;
      for (;;) {
        if (nextLf !== -1 && nextLf < lineStart) nextLf = chunk.indexOf(LF, lineStart);
        if (nextCr !== -1 && nextCr < lineStart) nextCr = chunk.indexOf(CR, lineStart);
        const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
        if (end === -1) break;
        if (carried + end - lineStart > limits.maxLineBytes) fail(stop({ kind: "line-too-long", url, limit: limits.maxLineBytes }));
        carried = 0;
        lastEnd = end;
        lineStart = end + 1;
      }
      if (carried + chunk.byteLength - lineStart > limits.maxLineBytes) fail(stop({ kind: "line-too-long", url, limit: limits.maxLineBytes }));
      if (lastEnd === -1) {
        partial.push(chunk);
        partialLength += chunk.byteLength;
        return undefined;
      }
      const complete = chunk.subarray(0, lastEnd + 1);
      const lines = partial.length ? Buffer.concat([...partial, complete]) : complete;
      const rest = chunk.subarray(lastEnd + 1);
      partial = rest.byteLength ? [rest] : [];
      partialLength = rest.byteLength;
      if (terminal && !seen.streamCompleted && terminal.test(decoder.decode(lines))) seen.streamCompleted = true;
      return lines;
    };

    const guarded = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // Loop until whole lines can be handed on: a pull that enqueues nothing is not called again.
        for (;;) {
          const { done, value } = await withinIdle(reader.read(), limits.idleMs, onIdle).catch((err: unknown) => fail(err as Error));
          if (done) {
            if (partialLength) {
              const last = Buffer.concat(partial);
              if (terminal && !seen.streamCompleted && terminal.test(decoder.decode(last))) seen.streamCompleted = true;
              controller.enqueue(last);
            }
            controller.close();
            return;
          }
          const lines = takeLines(value);
          if (lines) {
            controller.enqueue(lines);
            return;
          }
        }
      },
      cancel(reason) {
        local.abort();
        return reader.cancel(reason);
      },
    });
    if (!terminal) seen.streamCompleted = true;
    return new Response(guarded, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  try {
    return await run(() => ({ ...seen }));
  } finally {
    globalThis.fetch = original;
  }
}
