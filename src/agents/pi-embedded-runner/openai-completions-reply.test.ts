import type { AssistantMessageEvent, Model as PiModel } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { apiErrorText, CompletionsReply, usageFrom } from "./openai-completions-reply.js";
import { ReplyEventStream } from "./reply-event-stream.js";

const MODEL = {
  id: "m",
  name: "m",
  api: "openai-completions",
  provider: "p",
  baseUrl: "http://127.0.0.1:1/v1",
  reasoning: true,
  input: ["text"],
  cost: { input: 2, output: 10, cacheRead: 0.5, cacheWrite: 4 },
  contextWindow: 1000,
  maxTokens: 100,
} as PiModel<string>;

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "chatcmpl-1", model: "vendor/m-2026", choices: [{ index: 0, delta, finish_reason: finish }], ...extra });

function feed(events: string[]): { reply: CompletionsReply; seen: AssistantMessageEvent[]; completions: number; error?: unknown } {
  const stream = new ReplyEventStream();
  const seen: AssistantMessageEvent[] = [];
  const push = stream.push.bind(stream);
  stream.push = (event) => {
    seen.push(event);
    push(event);
  };
  let completions = 0;
  const reply = new CompletionsReply(MODEL, stream, () => completions++);
  reply.start();
  try {
    for (const data of events) reply.event(data, "");
    reply.finish();
  } catch (error) {
    reply.fail(error, false);
    return { reply, seen, completions, error };
  }
  return { reply, seen, completions };
}

describe("CompletionsReply", () => {
  it("maps text and reasoning deltas, usage with cached tokens, the gateway's cost and the stop reason", () => {
    const usage = { prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 10 }, cost: 0.0042 };
    const { reply, seen, completions } = feed([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning: "think " }),
      chunk({ reasoning_content: "more", reasoning: "more" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      chunk({}, "stop"),
      JSON.stringify({ id: "chatcmpl-1", choices: [], usage }),
      "[DONE]",
      chunk({ content: "after done is ignored" }),
    ]);
    expect(seen.map((event) => event.type)).toEqual(["start", "thinking_start", "thinking_delta", "thinking_delta", "text_start", "text_delta", "text_delta", "thinking_end", "text_end", "done"]);
    expect(reply.message.content).toEqual([
      { type: "thinking", thinking: "think more", thinkingSignature: "reasoning" },
      { type: "text", text: "Hello" },
    ]);
    expect(reply.message).toMatchObject({ stopReason: "stop", responseId: "chatcmpl-1", responseModel: "vendor/m-2026" });
    expect(reply.message.usage).toMatchObject({ input: 70, output: 20, cacheRead: 20, cacheWrite: 10, totalTokens: 120 });
    expect(reply.message.usage.cost.total).toBeCloseTo((70 * 2 + 20 * 10 + 20 * 0.5 + 10 * 4) / 1e6, 12);
    expect(reply.reportedCost).toBe(0.0042);
    expect(reply.completed).toBe(true);
    expect(completions).toBe(1);
  });

  it("assembles streamed tool calls, attaches their encrypted reasoning detail, and parses the arguments at the end", () => {
    const detail = { type: "reasoning.encrypted", id: "call_1", data: "sig" };
    const { reply, seen } = feed([
      chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "weather", arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }], reasoning_details: [detail] }),
      chunk({}, "tool_calls"),
    ]);
    expect(reply.message.stopReason).toBe("toolUse");
    expect(reply.message.content).toEqual([{ type: "toolCall", id: "call_1", name: "weather", arguments: { city: "Paris" }, thoughtSignature: JSON.stringify(detail) }]);
    expect(seen.filter((event) => event.type.startsWith("toolcall")).map((event) => event.type)).toEqual(["toolcall_start", "toolcall_delta", "toolcall_delta", "toolcall_end"]);
  });

  it("turns an error event (with OpenRouter's raw detail) and an error finish reason into the message's error", () => {
    const failed = feed([chunk({ content: "Hi" }), JSON.stringify({ error: { message: "upstream exploded", code: 502, metadata: { raw: "provider said no" } } })]);
    expect(failed.reply.message).toMatchObject({ stopReason: "error", errorMessage: "upstream exploded\nprovider said no" });
    expect(failed.seen.at(-1)?.type).toBe("error");

    const filtered = feed([chunk({ content: "Hi" }), chunk({}, "content_filter")]);
    expect(filtered.reply.message).toMatchObject({ stopReason: "error", errorMessage: "Provider finish_reason: content_filter" });
    expect(filtered.reply.completed).toBe(true);

    expect(feed(["{not json"]).reply.message.stopReason).toBe("error");
  });

  it("a stream with no finish reason and no [DONE] is not completed", () => {
    const { reply } = feed([chunk({ content: "Hi" })]);
    expect(reply.completed).toBe(false);
    expect(reply.message.stopReason).toBe("stop");
  });
});

describe("usageFrom and apiErrorText", () => {
  it("reads DeepSeek-style cache hits and missing fields as zero", () => {
    expect(usageFrom({ prompt_tokens: 10, prompt_cache_hit_tokens: 4, completion_tokens: 2 }, MODEL.cost)).toMatchObject({ input: 6, cacheRead: 4, cacheWrite: 0, output: 2, totalTokens: 12 });
    expect(usageFrom({}, MODEL.cost)).toMatchObject({ input: 0, output: 0, totalTokens: 0 });
  });

  it("words API errors as before: status and message, status alone, or the error as JSON", () => {
    expect(apiErrorText(400, { message: "bad model" })).toBe("400 bad model");
    expect(apiErrorText(500, undefined)).toBe("500 status code (no body)");
    expect(apiErrorText(502, undefined, "Bad Gateway")).toBe("502 Bad Gateway");
    expect(apiErrorText(400, "plain")).toBe('400 "plain"');
    expect(apiErrorText(undefined, { message: "upstream exploded" })).toBe("upstream exploded");
  });
});
