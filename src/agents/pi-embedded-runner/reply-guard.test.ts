import { describe, expect, it } from "vitest";
import { DEFAULT_REPLY_LIMITS, GuardError, ReplyGuard, withinIdle } from "./reply-guard.js";

const bytes = (text: string) => Buffer.from(text, "utf8");
const text = (piece: Uint8Array | undefined) => (piece ? Buffer.from(piece).toString("utf8") : undefined);

describe("LineGate", () => {
  it("hands on only whole lines (LF, CR or CRLF), carrying a partial line into the next read", () => {
    const gate = new ReplyGuard("openai-completions", DEFAULT_REPLY_LIMITS).lineGate("u");
    expect(text(gate.take(bytes("data: a\n\nda")))).toBe("data: a\n\n");
    expect(text(gate.take(bytes("ta: b")))).toBeUndefined();
    expect(text(gate.take(bytes("c\r\n\rdata: d")))).toBe("data: bc\r\n\r");
    expect(text(gate.flush())).toBe("data: d");
    expect(gate.flush()).toBeUndefined();
  });

  it("stops a line longer than the limit, even one that grows over several reads, and a reply over its size", () => {
    const guard = new ReplyGuard("openai-completions", { ...DEFAULT_REPLY_LIMITS, maxLineBytes: 10, maxReplyBytes: 40 });
    const lines = guard.lineGate("http://gw/");
    expect(() => lines.take(bytes("0123456789ABC\n"))).toThrow(GuardError);
    const growing = new ReplyGuard("openai-completions", { ...DEFAULT_REPLY_LIMITS, maxLineBytes: 10 }).lineGate("u");
    growing.take(bytes("012345"));
    expect(() => growing.take(bytes("6789AB"))).toThrow(/line-too-long/);
    const size = guard.lineGate("u");
    size.take(bytes("short\n".repeat(6)));
    expect(() => size.take(bytes("short\n".repeat(2)))).toThrow(/reply-too-large/);
    // The first violation is the one observed.
    expect(guard.observe().violation).toEqual({ kind: "line-too-long", url: "http://gw/", limit: 10 });
  });
});

describe("ReplyGuard", () => {
  const head = (status: number, headers: Record<string, string> = {}) => ({ status, header: (name: string) => headers[name] });

  it("checks the head: redirects and non-streams are stopped (after the body is released), failures are read", async () => {
    let released = 0;
    const release = () => released++;
    const guard = new ReplyGuard("openai-completions", { ...DEFAULT_REPLY_LIMITS, maxErrorBodyBytes: 4 });
    expect(() => guard.checkHead("u", head(302, { location: "http://elsewhere/" }), release)).toThrow(GuardError);
    expect(() => guard.checkHead("u", head(200, { "content-type": "application/json" }), release)).toThrow(GuardError);
    expect(released).toBe(2);
    expect(guard.observe().violation).toEqual({ kind: "redirect", url: "u", status: 302, location: "http://elsewhere/" });

    const failed = head(429, { "retry-after": "3" });
    expect(guard.checkHead("u", failed, release)).toBe("failure");
    const pieces = [bytes("slow"), bytes(" down")];
    const failure = await guard.readFailure(failed, async () => pieces.shift(), release, () => new Error("idle"));
    expect(failure).toEqual({ status: 429, body: "slow", retryAfter: "3" });
    expect(guard.observe().failure).toEqual(failure);
    expect(released).toBe(3);
  });

  it("an event stream counts as opened; completion comes from the terminal event (or is implied for unknown APIs)", () => {
    const guard = new ReplyGuard("openai-completions", DEFAULT_REPLY_LIMITS);
    expect(guard.checkHead("u", head(200, { "content-type": "text/event-stream; charset=utf-8" }), () => undefined)).toBe("stream");
    expect(guard.observe()).toEqual({ streamOpened: true, streamCompleted: false });
    guard.scanForTerminal('data: {"choices":[{"delta":{"content":"hi"}}]}\n');
    expect(guard.observe().streamCompleted).toBe(false);
    guard.scanForTerminal('data: {"choices":[{"finish_reason":"stop"}]}\n');
    expect(guard.observe().streamCompleted).toBe(true);

    const other = new ReplyGuard("some-other-api", DEFAULT_REPLY_LIMITS);
    other.checkHead("u", head(200, { "content-type": "text/event-stream" }), () => undefined);
    expect(other.observe().streamCompleted).toBe(true);
  });

  it("withinIdle rejects with the idle error when nothing happens in time, and leaves a prompt answer alone", async () => {
    await expect(withinIdle(new Promise(() => undefined), 20, () => new Error("silent"))).rejects.toThrow("silent");
    await expect(withinIdle(Promise.resolve(7), 1_000, () => new Error("silent"))).resolves.toBe(7);
  });
});
