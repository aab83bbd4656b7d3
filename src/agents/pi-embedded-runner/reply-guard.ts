/**
 * The rules every model reply is checked by before anything parses it, whatever carries it (our own
 * OpenAI-compatible transport, or the fetch guard in front of pi-ai's SDKs in http-capture.ts):
 * - no redirects are followed (a POST with the key must not wander to another host);
 * - a failed response's body is read up to a limit and kept (status, body, Retry-After) for the error;
 * - a 2xx response must be an event stream;
 * - the body may not be silent for longer than the idle limit (headers included), may not exceed the
 *   reply size limit, and no SSE line may exceed the line limit. Only whole lines are passed on, so the
 *   parser never re-scans a growing partial line;
 * - whether the stream carried its terminal event (finish_reason, [DONE], message_stop...) is recorded,
 *   since a stream that simply stops is not a complete reply.
 * What the guard saw is one AttemptObservation per attempt.
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

export class GuardError extends Error {
  constructor(readonly violation: GuardViolation) {
    super(`reply rejected: ${violation.kind} (${violation.url})`);
    this.name = "GuardError";
  }
}

/** The response head as the guard needs it, from a fetch Response or our own HTTP client alike. */
export type ReplyHead = { status: number; header: (name: string) => string | undefined };

/** Reads one piece of a body: the next bytes, or undefined at the end. */
export type ReadPiece = () => Promise<Uint8Array | undefined>;

const LF = 10;
const CR = 13;

/** Resolves `promise`, or rejects with `onIdle()` when nothing happens for `ms`. */
export async function withinIdle<T>(promise: Promise<T>, ms: number, onIdle: () => Error): Promise<T> {
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

/**
 * Cuts a body into whole lines while enforcing the size and line limits. `take` returns the bytes of a
 * read that complete lines (with any pending partial line in front), or undefined when the read ends
 * inside a line; `flush` returns what is left at the end of the body.
 */
export class LineGate {
  private total = 0;
  private partial: Uint8Array[] = [];
  private partialLength = 0;

  constructor(
    private readonly url: string,
    private readonly limits: ReplyLimits,
    private readonly stop: (violation: GuardViolation) => GuardError,
  ) {}

  take(chunk: Uint8Array): Uint8Array | undefined {
    const { limits } = this;
    this.total += chunk.byteLength;
    if (this.total > limits.maxReplyBytes) throw this.stop({ kind: "reply-too-large", url: this.url, limit: limits.maxReplyBytes });
    // Line lengths: scan terminators left to right, remembering the next LF and CR to stay linear.
    let lineStart = 0;
    let lastEnd = -1;
    let nextLf = chunk.indexOf(LF);
    let nextCr = chunk.indexOf(CR);
    let carried = this.partialLength;
    for (;;) {
      if (nextLf !== -1 && nextLf < lineStart) nextLf = chunk.indexOf(LF, lineStart);
      if (nextCr !== -1 && nextCr < lineStart) nextCr = chunk.indexOf(CR, lineStart);
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (end === -1) break;
      if (carried + end - lineStart > limits.maxLineBytes) throw this.stop({ kind: "line-too-long", url: this.url, limit: limits.maxLineBytes });
      carried = 0;
      lastEnd = end;
      lineStart = end + 1;
    }
    if (carried + chunk.byteLength - lineStart > limits.maxLineBytes) throw this.stop({ kind: "line-too-long", url: this.url, limit: limits.maxLineBytes });
    if (lastEnd === -1) {
      this.partial.push(chunk);
      this.partialLength += chunk.byteLength;
      return undefined;
    }
    const complete = chunk.subarray(0, lastEnd + 1);
    const lines = this.partial.length ? Buffer.concat([...this.partial, complete]) : complete;
    const rest = chunk.subarray(lastEnd + 1);
    this.partial = rest.byteLength ? [rest] : [];
    this.partialLength = rest.byteLength;
    return lines;
  }

  flush(): Uint8Array | undefined {
    if (!this.partialLength) return undefined;
    const last = Buffer.concat(this.partial);
    this.partial = [];
    this.partialLength = 0;
    return last;
  }
}

/** One attempt's guard: its limits, what it saw, and the checks both transports run. */
export class ReplyGuard {
  private readonly seen: AttemptObservation = { streamOpened: false, streamCompleted: false };
  private readonly terminal: RegExp | undefined;

  constructor(
    readonly api: string,
    readonly limits: ReplyLimits,
  ) {
    this.terminal = TERMINAL_EVENTS[api];
  }

  observe(): AttemptObservation {
    return { ...this.seen };
  }

  /** Records the first violation and returns the error that stops the reply. */
  stop(violation: GuardViolation): GuardError {
    this.seen.violation ??= violation;
    return new GuardError(violation);
  }

  /** The idle-limit error for `url`, after `abort` has ended the request. */
  idle(url: string, abort: () => void): () => GuardError {
    return () => {
      abort();
      return this.stop({ kind: "idle", url, idleMs: this.limits.idleMs });
    };
  }

  /**
   * Checks a response head: "failure" for a non-2xx answer (read it with `readFailure`), "stream" for an
   * event stream (the stream then counts as opened). Throws for a redirect or a 2xx that is no event
   * stream, after `release` has let go of the body.
   */
  checkHead(url: string, head: ReplyHead, release: () => void): "failure" | "stream" {
    if (head.status >= 300 && head.status < 400) {
      release();
      throw this.stop({ kind: "redirect", url, status: head.status, location: head.header("location") ?? "(no location)" });
    }
    if (head.status < 200 || head.status >= 300) return "failure";
    const contentType = head.header("content-type") ?? "";
    if (!/^\s*text\/event-stream\b/i.test(contentType)) {
      release();
      throw this.stop({ kind: "not-event-stream", url, status: head.status, contentType: contentType || "(none)" });
    }
    this.seen.streamOpened = true;
    if (!this.terminal) this.seen.streamCompleted = true;
    return "stream";
  }

  /** Reads at most the error-body limit of a failed response as text, keeps it, then lets go of the body. */
  async readFailure(head: ReplyHead, read: ReadPiece, release: () => void, onIdle: () => Error): Promise<HttpFailure> {
    const limit = this.limits.maxErrorBodyBytes;
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      while (size < limit) {
        const piece = await withinIdle(read(), this.limits.idleMs, onIdle);
        if (!piece) break;
        parts.push(piece);
        size += piece.byteLength;
      }
    } finally {
      release();
    }
    const bytes = Buffer.concat(parts);
    const body = bytes.subarray(0, Math.min(limit, bytes.byteLength)).toString("utf8");
    const retryAfter = head.header("retry-after") ?? undefined;
    const failure: HttpFailure = { status: head.status, body, ...(retryAfter ? { retryAfter } : {}) };
    this.seen.failure = failure;
    return failure;
  }

  lineGate(url: string): LineGate {
    return new LineGate(url, this.limits, (violation) => this.stop(violation));
  }

  /** For transports that see raw lines: checks decoded whole lines for this API's terminal event. */
  scanForTerminal(text: string): void {
    if (this.terminal && !this.seen.streamCompleted && this.terminal.test(text)) this.seen.streamCompleted = true;
  }

  /** For transports that parse events themselves: the terminal event was seen. */
  markCompleted(): void {
    this.seen.streamCompleted = true;
  }
}
