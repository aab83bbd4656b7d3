import type { AssistantMessage, AssistantMessageEvent } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { ReplyEventStream } from "./reply-event-stream.js";

function message(stopReason: AssistantMessage["stopReason"]): AssistantMessage {
  return {
    role: "assistant",
    content: [],
    api: "openai-completions",
    provider: "p",
    model: "m",
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
    stopReason,
    timestamp: 1,
  };
}

const delta = (text: string): AssistantMessageEvent => ({ type: "text_delta", contentIndex: 0, delta: text, partial: message("stop") });

async function readAll(stream: ReplyEventStream): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of stream) seen.push(event.type === "text_delta" ? event.delta : event.type);
  return seen;
}

describe("ReplyEventStream", () => {
  it("hands events pushed before and while reading, in order, and ends after the done event", async () => {
    const stream = new ReplyEventStream();
    stream.push(delta("a"));
    const reading = readAll(stream);
    await Promise.resolve();
    stream.push(delta("b"));
    setTimeout(() => {
      stream.push(delta("c"));
      stream.push({ type: "done", reason: "stop", message: message("stop") });
      stream.push(delta("ignored after done"));
    }, 5);
    expect(await reading).toEqual(["a", "b", "c", "done"]);
    expect((await stream.result()).stopReason).toBe("stop");
  });

  it("resolves result() with the error event's message", async () => {
    const stream = new ReplyEventStream();
    const failed = { ...message("error"), errorMessage: "boom" };
    stream.push({ type: "error", reason: "error", error: failed });
    expect(await readAll(stream)).toEqual(["error"]);
    expect(await stream.result()).toBe(failed);
  });

  it("lets a waiting reader finish when the stream is ended without a final event", async () => {
    const stream = new ReplyEventStream();
    const reading = readAll(stream);
    setTimeout(() => stream.end(), 5);
    expect(await reading).toEqual([]);
  });
});
