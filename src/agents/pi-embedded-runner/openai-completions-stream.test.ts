/**
 * Our OpenAI-compatible transport against a local server, side by side with pi-ai's (the SDK behind the
 * fetch guard, which is what OpenClaw ran before): for the same wire bytes, both must give the same reply
 * message, the same text deltas, the same guard observation and the same gateway-reported cost.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { AssistantMessage, Model as PiModel } from "@mariozechner/pi-ai";
import { streamSimpleOpenAICompletions } from "@mariozechner/pi-ai/openai-completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamOpenAICompletions } from "./openai-completions-stream.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "./reply-guard.js";
import { streamAttempt, type AttemptResult, type StreamFunction } from "./transport.js";

/** One scripted answer: status, headers, body pieces (each its own write), or a cut/silent connection. */
type Answer = { status?: number; headers?: Record<string, string>; pieces?: string[]; drop?: boolean; silent?: boolean; hang?: boolean };

let server: http.Server;
let baseUrl: string;
let answer: Answer = {};
const bodies: unknown[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", async () => {
      bodies.push(JSON.parse(Buffer.concat(parts).toString("utf8")));
      const { status = 200, headers = { "content-type": "text/event-stream" }, pieces = [], drop, silent, hang } = answer;
      if (silent) return;
      res.writeHead(status, headers);
      for (const piece of pieces) {
        res.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      if (drop) res.socket?.destroy();
      else if (!hang) res.end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
);

const sse = (data: unknown) => `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl-7",
  object: "chat.completion.chunk",
  created: 1,
  model: "vendor/m-0613",
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

function model(): PiModel<string> {
  return {
    ...{ id: "m", name: "m", api: "openai-completions", provider: "custom", baseUrl, reasoning: true, input: ["text"] },
    ...{ cost: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.5 }, contextWindow: 100_000, maxTokens: 1000 },
    compat: { thinkingFormat: "openrouter" },
  } as unknown as PiModel<string>;
}

type Outcome = { reply: AssistantMessage; text: string; observed: AttemptResult["observed"]; streamed: boolean; costUsd?: number };

async function attempt(streamSimple: StreamFunction, limits: ReplyLimits = DEFAULT_REPLY_LIMITS, signal?: AbortSignal): Promise<Outcome> {
  let text = "";
  const result = await streamAttempt({
    streamSimple,
    model: model(),
    context: { systemPrompt: "sys", messages: [{ role: "user", content: "hi", timestamp: 1 }] },
    options: { apiKey: "sk-stream-test", maxRetries: 0, reasoning: "low", ...(signal ? { signal } : {}) },
    limits,
    onText: (delta) => (text += delta),
  });
  return { reply: result.reply, text, observed: result.observed, streamed: result.streamed, ...(result.costUsd !== undefined ? { costUsd: result.costUsd } : {}) };
}

/** Both transports on the same answer; the reply's timestamp differs by nature and is left out. */
async function both(script: Answer, limits?: ReplyLimits): Promise<{ ours: Outcome; theirs: Outcome }> {
  answer = script;
  const ours = await attempt(streamOpenAICompletions, limits);
  const theirs = await attempt(streamSimpleOpenAICompletions as unknown as StreamFunction, limits);
  for (const outcome of [ours, theirs]) outcome.reply = { ...outcome.reply, timestamp: 0 };
  return { ours, theirs };
}

const OK_STREAM = [
  sse(chunk({ role: "assistant", content: "" })),
  sse(chunk({ reasoning: "Thinking " })) + sse(chunk({ reasoning: "hard." })),
  sse(chunk({ content: "Hello" })) + sse(chunk({ content: ", wörld 😀" })).slice(0, 30),
  sse(chunk({ content: ", wörld 😀" })).slice(30),
  sse(chunk({}, "stop")),
  sse({ id: "chatcmpl-7", choices: [], usage: { prompt_tokens: 50, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 20 }, cost: 0.00031 } }),
  sse("[DONE]"),
];

describe("our transport and pi-ai's, on the same wire bytes", () => {
  it("a complete reply: same message (reasoning, text, usage, stop reason, ids), text and observation; the cost is read", async () => {
    const { ours, theirs } = await both({ pieces: OK_STREAM });
    expect(ours.reply).toEqual(theirs.reply);
    expect(ours.text).toBe("Hello, wörld 😀");
    expect(ours.text).toBe(theirs.text);
    expect(ours.observed).toEqual({ streamOpened: true, streamCompleted: true });
    expect(ours.observed).toEqual(theirs.observed);
    expect(ours.costUsd).toBe(0.00031);
    expect(theirs.costUsd).toBe(0.00031);
    expect(bodies.at(-1)).toEqual(bodies.at(-2));
  });

  it("tool calls with their encrypted reasoning detail, and a length stop", async () => {
    const detail = { type: "reasoning.encrypted", id: "call_9", data: "abc" };
    const pieces = [
      sse(chunk({ content: "Checking." })),
      sse(chunk({ tool_calls: [{ index: 0, id: "call_9", type: "function", function: { name: "weather", arguments: '{"city":' } }] })),
      sse(chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }], reasoning_details: [detail] })),
      sse(chunk({}, "tool_calls", { usage: { prompt_tokens: 5, completion_tokens: 2 } })),
      sse("[DONE]"),
    ];
    const tools = await both({ pieces });
    expect(tools.ours.reply).toEqual(tools.theirs.reply);
    expect(tools.ours.reply.stopReason).toBe("toolUse");
    const length = await both({ pieces: [sse(chunk({ content: "cut" })), sse(chunk({}, "length"))] });
    expect(length.ours.reply).toEqual(length.theirs.reply);
  });

  it("an error event mid-stream, and an error finish reason", async () => {
    const event = await both({ pieces: [sse(chunk({ content: "Hi" })), sse({ error: { message: "upstream exploded", code: 502, metadata: { raw: "detail" } } })] });
    expect(event.ours.reply).toEqual(event.theirs.reply);
    expect(event.ours.reply.errorMessage).toBe("upstream exploded\ndetail");
    expect(event.ours.streamed).toBe(true);
    const filtered = await both({ pieces: [sse(chunk({ content: "Hi" })), sse(chunk({}, "content_filter")), sse("[DONE]")] });
    expect(filtered.ours.reply).toEqual(filtered.theirs.reply);
  });

  it("HTTP failures: the body is kept with Retry-After, and the error text is the one the runner maps", async () => {
    const scripts: Answer[] = [
      { status: 429, headers: { "content-type": "application/json", "retry-after": "7" }, pieces: ['{"error":{"message":"slow down"}}'] },
      { status: 400, headers: { "content-type": "application/json" }, pieces: ['{"error":"bad"}'] },
      { status: 502, headers: { "content-type": "text/html" }, pieces: ["<h1>Bad Gateway</h1>"] },
      { status: 500, headers: { "content-type": "application/json" }, pieces: [] },
      { status: 401, headers: { "content-type": "application/json" }, pieces: ['{"message":"no error field"}'] },
    ];
    for (const script of scripts) {
      const { ours, theirs } = await both(script);
      expect(ours.observed, JSON.stringify(script)).toEqual(theirs.observed);
      expect(ours.reply.errorMessage, JSON.stringify(script)).toBe(theirs.reply.errorMessage);
      expect(ours.reply.stopReason).toBe("error");
    }
    const limited = await both({ status: 429, headers: { "retry-after": "7" }, pieces: ["x"] });
    expect(limited.ours.observed.failure).toEqual({ status: 429, body: "x", retryAfter: "7" });
  });

  it("the guard's violations: redirect, not an event stream, line and size limits, silence", async () => {
    const small = { ...DEFAULT_REPLY_LIMITS, maxLineBytes: 64, maxReplyBytes: 400, idleMs: 300 };
    const cases: [Answer, string][] = [
      [{ status: 307, headers: { location: "http://elsewhere.invalid/" } }, "redirect"],
      [{ headers: { "content-type": "text/html" }, pieces: ["<html>"] }, "not-event-stream"],
      [{ pieces: [`data: ${"x".repeat(100)}`] }, "line-too-long"],
      [{ pieces: Array.from({ length: 20 }, () => sse({ a: "y".repeat(20) })) }, "reply-too-large"],
      [{ silent: true }, "idle"],
    ];
    for (const [script, kind] of cases) {
      const { ours, theirs } = await both(script, small);
      expect(ours.observed.violation?.kind, kind).toBe(kind);
      expect(ours.observed).toEqual(theirs.observed);
    }
  });

  it("a stream that stops without its terminal event, or whose connection drops, is not complete", async () => {
    const stopped = await both({ pieces: [sse(chunk({ content: "Hi" }))] });
    expect(stopped.ours.observed).toEqual({ streamOpened: true, streamCompleted: false });
    expect(stopped.ours.observed).toEqual(stopped.theirs.observed);
    expect(stopped.ours.reply).toEqual(stopped.theirs.reply);
    // The terminal event's last line may lack its newline.
    const unterminated = await both({ pieces: [sse(chunk({ content: "Hi" })), `data: ${JSON.stringify(chunk({}, "stop"))}`] });
    expect(unterminated.ours.observed).toEqual({ streamOpened: true, streamCompleted: true });
    expect(unterminated.ours.observed).toEqual(unterminated.theirs.observed);

    const dropped = await both({ pieces: [sse(chunk({ content: "Hi" }))], drop: true });
    expect(dropped.ours.reply.stopReason).toBe("error");
    expect(dropped.ours.reply.errorMessage).toMatch(/^terminated/);
    expect(dropped.ours.observed).toEqual(dropped.theirs.observed);
  });

  it("stops reading at [DONE]: a gateway that keeps the stream open does not hold the turn", async () => {
    answer = { pieces: [sse(chunk({ content: "Hi" })), sse(chunk({}, "stop")), sse("[DONE]")], hang: true };
    const outcome = await attempt(streamOpenAICompletions, { ...DEFAULT_REPLY_LIMITS, idleMs: 5_000 });
    expect(outcome.observed).toEqual({ streamOpened: true, streamCompleted: true });
    expect(outcome.reply.stopReason).toBe("stop");
    expect(outcome.text).toBe("Hi");
  });

  it("an unreachable gateway is a connection error naming the socket's code", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const events = streamOpenAICompletions({ ...model(), baseUrl: `http://127.0.0.1:${port}/v1` }, { messages: [] }, { apiKey: "k" });
    const reply = await events.result();
    expect(reply.stopReason).toBe("error");
    expect(reply.errorMessage).toBe("Connection error. ECONNREFUSED");
  });

  it("the caller's abort ends the reply as aborted", async () => {
    answer = { silent: true };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await attempt(streamOpenAICompletions, DEFAULT_REPLY_LIMITS, controller.signal);
    expect(outcome.reply.stopReason).toBe("aborted");
    expect(outcome.observed.violation).toBeUndefined();
  });
});
