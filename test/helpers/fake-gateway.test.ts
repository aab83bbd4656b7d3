/** The fake gateway itself: the shapes other tests rely on. Plain fetch against 127.0.0.1. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway } from "./fake-gateway.js";

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });

function postChat(body: Record<string, unknown>, init: RequestInit = {}): Promise<Response> {
  return fetch(`${fakeGateway().baseUrl}chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
    body: JSON.stringify(body),
    ...init,
  });
}

/** The JSON payloads of an SSE body, "[DONE]" kept as a string. */
function sseEvents(text: string): unknown[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length))
    .map((data) => (data === "[DONE]" ? data : JSON.parse(data)));
}

describe("fake gateway", () => {
  it("listens on 127.0.0.1 under /api/gateway/ and records method, path, headers and parsed body", async () => {
    const gateway = fakeGateway();
    expect(gateway.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/gateway\/$/);
    await (await postChat({ model: "m", stream: true, messages: [] })).text();
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]).toMatchObject({ method: "POST", path: "/api/gateway/chat/completions", body: { model: "m", stream: true } });
    expect(gateway.requests[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  it("streams chat.completion.chunk events, a final chunk with finish_reason and usage, then [DONE]", async () => {
    const response = await postChat({ model: "anthropic/claude-opus-4.6", stream: true, messages: [] });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = sseEvents(await response.text());
    expect(events[events.length - 1]).toBe("[DONE]");
    const chunks = events.slice(0, -1) as { object: string; model: string; choices: { delta: { content?: string }; finish_reason: string | null }[]; usage?: unknown }[];
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.model === "anthropic/claude-opus-4.6")).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Hello from the fake gateway.");
    const last = chunks[chunks.length - 1];
    expect(last?.choices[0]?.finish_reason).toBe("stop");
    expect(last?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });

  it("answers plain JSON when stream is false", async () => {
    const response = await postChat({ model: "m", stream: false, messages: [] });
    const body = (await response.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content).toBe("Hello from the fake gateway.");
  });

  it("plays scripted behaviours in order, then falls back to the default stream", async () => {
    fakeGateway().respondWith(
      { kind: "status", status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": "3" } },
      { kind: "status", status: 402, body: { error: { message: "Insufficient credits", metadata: { buyCreditsUrl: "https://app.kilo.ai/credits" } } } },
    );
    const limited = await postChat({ stream: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    const broke = await postChat({ stream: true });
    expect(broke.status).toBe(402);
    expect(await broke.json()).toMatchObject({ error: { metadata: { buyCreditsUrl: "https://app.kilo.ai/credits" } } });
    expect((await postChat({ stream: true })).status).toBe(200);
  });

  it("streams tool calls with reasoning_details and finishes with tool_calls", async () => {
    const details = [{ type: "reasoning.encrypted", id: "call_1", data: "msg_x" }];
    fakeGateway().respondWith({ kind: "stream", chunks: [], toolCalls: [{ id: "call_1", name: "lookup", arguments: "{}", reasoningDetails: details }] });
    const events = sseEvents(await (await postChat({ model: "m", stream: true })).text()) as { choices?: { delta: Record<string, unknown>; finish_reason: string | null }[] }[];
    const toolDelta = events.find((event) => event.choices?.[0]?.delta.tool_calls)?.choices?.[0]?.delta;
    expect(toolDelta).toMatchObject({ tool_calls: [{ id: "call_1", function: { name: "lookup" } }], reasoning_details: details });
    expect(events.some((event) => event.choices?.[0]?.finish_reason === "tool_calls")).toBe(true);
  });

  it("can send an error event mid-stream", async () => {
    fakeGateway().respondWith({ kind: "error-event", message: "upstream exploded" });
    const text = await (await postChat({ stream: true })).text();
    expect(sseEvents(text)).toContainEqual({ error: { message: "upstream exploded", code: 502 } });
    expect(text).not.toContain("[DONE]");
  });

  it("can drop the connection mid-stream", async () => {
    fakeGateway().respondWith({ kind: "drop-mid-stream" });
    const response = await postChat({ stream: true });
    await expect(response.text()).rejects.toThrow();
  });

  it("can stall until the client gives up", async () => {
    fakeGateway().respondWith({ kind: "stall" });
    await expect(postChat({ stream: true }, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it("serves GET models from a configurable payload and 404s unknown routes", async () => {
    const gateway = fakeGateway();
    gateway.setModelsPayload({ data: [{ id: "kilo/auto" }] });
    expect(await (await fetch(`${gateway.baseUrl}models`)).json()).toEqual({ data: [{ id: "kilo/auto" }] });
    gateway.setModelsPayload({ error: "down" }, 503);
    expect((await fetch(`${gateway.baseUrl}models`)).status).toBe(503);
    expect((await fetch(`${gateway.origin}/elsewhere`)).status).toBe(404);
  });

  it("reset forgets requests and queued behaviours", async () => {
    const gateway = fakeGateway();
    gateway.respondWith({ kind: "status", status: 500 });
    await (await fetch(`${gateway.baseUrl}models`)).text();
    gateway.reset();
    expect(gateway.requests).toHaveLength(0);
    expect((await postChat({ stream: true })).status).toBe(200);
  });
});
