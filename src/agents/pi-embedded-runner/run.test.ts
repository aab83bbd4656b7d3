/**
 * The run path in-process against the fake gateway on 127.0.0.1: the request pi-ai builds from our
 * model, params and headers, the retry loop, and session replay. The CLI itself is covered by the e2e tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as V8 from "node:v8";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OpenClawConfig } from "../../config/types.js";
import { useFakeGateway, type RecordedRequest } from "../../../test/helpers/fake-gateway.js";
import { useTempState } from "../../../test/helpers/temp-state.js";
import { runEmbeddedAgent, type AgentRunParams } from "./run.js";

const KEY = "sk-kilo-unit-secret-777";
const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const state = useTempState({ beforeEach, afterEach });
let sleeps: number[];

beforeEach(() => {
  sleeps = [];
});

type Body = { model: string; stream: boolean; messages: { role: string; content: unknown }[] } & Record<string, unknown>;

function kiloConfig(extra: { params?: Record<string, unknown>; provider?: Record<string, unknown>; pruning?: boolean } = {}): OpenClawConfig {
  return {
    models: { mode: "merge", providers: { kilocode: { baseUrl: fakeGateway().baseUrl, api: "openai-completions", models: [], ...extra.provider } } },
    agents: {
      defaults: {
        model: { primary: "kilocode/anthropic/claude-opus-4.6" },
        models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway", ...(extra.params ? { params: extra.params } : {}) } },
        ...(extra.pruning ? { contextPruning: { mode: "cache-ttl" } } : {}),
      },
    },
  } as OpenClawConfig;
}

function run(params: Partial<AgentRunParams> & { cfg: OpenClawConfig }, env: Record<string, string> = {}) {
  return runEmbeddedAgent({
    message: "hello",
    env: { ...state().env, KILOCODE_API_KEY: KEY, OPENCLAW_RETRY_BASE_MS: "1", ...env },
    sleep: async (ms) => void sleeps.push(ms),
    ...params,
  });
}

function chats(): (RecordedRequest & { body: Body })[] {
  return fakeGateway().chatRequests() as (RecordedRequest & { body: Body })[];
}

function lastBody(): Body {
  const last = chats().at(-1);
  if (!last) throw new Error("no chat request was made");
  return last.body;
}

describe("runEmbeddedAgent: the request", () => {
  it("POSTs <baseUrl>chat/completions with the key, model id, stream and Kilo headers, and streams the text", async () => {
    const deltas: string[] = [];
    const result = await run({ cfg: kiloConfig(), onText: (delta) => deltas.push(delta) });
    const [request] = chats();
    expect(request?.path).toBe("/api/gateway/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers["x-kilocode-feature"]).toBe("openclaw");
    expect(request?.body).toMatchObject({ model: "anthropic/claude-opus-4.6", stream: true, stream_options: { include_usage: true } });
    expect(deltas).toEqual(["Hello", " from", " the fake gateway."]);
    expect(result).toEqual({
      text: "Hello from the fake gateway.",
      model: "kilocode/anthropic/claude-opus-4.6",
      provider: "kilocode",
      usage: { input: 12, output: 3, cacheRead: 0, cacheWrite: 0, total: 15 },
      stopReason: "stop",
    });
  });

  it("hands each delta over as it arrives rather than at the end", async () => {
    fakeGateway().respondWith({ kind: "stream", chunks: ["one", "two", "three"], delayMs: 120 });
    const arrivals: number[] = [];
    await run({ cfg: kiloConfig(), onText: () => arrivals.push(Date.now()) });
    expect(arrivals).toHaveLength(3);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(150);
  });

  it("uses a base URL without its trailing slash the same way, with config headers and the organisation", async () => {
    const cfg = kiloConfig({ provider: { baseUrl: fakeGateway().baseUrl.replace(/\/$/, ""), headers: { "X-Team": "blue" }, organizationId: "org_cfg" } });
    await run({ cfg });
    const [request] = chats();
    expect(request?.path).toBe("/api/gateway/chat/completions");
    expect(request?.headers["x-team"]).toBe("blue");
    expect(request?.headers["x-kilocode-organizationid"]).toBe("org_cfg");
  });

  it("puts Anthropic cache markers on the system prompt and the last user message when a cache param asks", async () => {
    await run({ cfg: kiloConfig() });
    // No param: no markers, as the OpenClaw releases send it (issue 10).
    expect(JSON.stringify(lastBody())).not.toContain("cache_control");
    await run({ cfg: kiloConfig({ params: { cacheControlTtl: "5m" } }) });
    const [system, user] = lastBody().messages as { role: string; content: { text: string; cache_control?: unknown }[] }[];
    expect(system?.content.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    expect(user?.role).toBe("user");
    expect(user?.content.at(-1)).toMatchObject({ text: "hello", cache_control: { type: "ephemeral" } });
  });

  it("asks for a 1h TTL with cacheControlTtl 1h and sends no markers with cacheRetention none", async () => {
    await run({ cfg: kiloConfig({ params: { cacheControlTtl: "1h" } }) });
    expect(JSON.stringify(lastBody().messages).match(/"ttl":"1h"/g)).toHaveLength(2);
    await run({ cfg: kiloConfig({ params: { cacheRetention: "none" } }) });
    expect(JSON.stringify(lastBody())).not.toContain("cache_control");
  });

  it("passes temperature, maxTokens and a string stop as an array", async () => {
    await run({ cfg: kiloConfig({ params: { temperature: 0.3, maxTokens: 256, stop: "END" } }) });
    expect(lastBody()).toMatchObject({ temperature: 0.3, max_completion_tokens: 256, stop: ["END"] });
  });

  it("maps --thinking to reasoning effort for reasoning models only, never for routing models", async () => {
    await run({ cfg: kiloConfig(), thinking: "high" });
    expect(lastBody().reasoning).toEqual({ effort: "high" });
    // Not asked: OpenClaw's default effort, low; explicitly off: no reasoning field at all (issue 10).
    await run({ cfg: kiloConfig() });
    expect(lastBody().reasoning).toEqual({ effort: "low" });
    await run({ cfg: kiloConfig(), thinking: "off" });
    expect(lastBody()).not.toHaveProperty("reasoning");
    await run({ cfg: kiloConfig(), model: "kilocode/kilo/auto", thinking: "high" });
    expect(lastBody().reasoning).toBeUndefined();
    expect(lastBody().reasoning_effort).toBeUndefined();
    // Unknown to the catalog: defaults apply, and the default is not a reasoning model.
    await run({ cfg: kiloConfig(), model: "kilocode/some/new-model", thinking: "high" });
    expect(lastBody().model).toBe("some/new-model");
    expect(lastBody().reasoning).toBeUndefined();
  });

  it("sends openrouter through the same path, without Kilo headers", async () => {
    const cfg = { models: { providers: { openrouter: { baseUrl: fakeGateway().baseUrl, models: [] } } } } as unknown as OpenClawConfig;
    await run({ cfg, model: "openrouter/anthropic/claude-sonnet-4.5" }, { OPENROUTER_API_KEY: "sk-or-unit" });
    const [request] = chats();
    expect(request?.headers.authorization).toBe("Bearer sk-or-unit");
    expect(request?.headers["x-kilocode-feature"]).toBeUndefined();
    expect(request?.body.model).toBe("anthropic/claude-sonnet-4.5");
    expect(JSON.stringify(request?.body)).toContain("cache_control");
  });
});

describe("runEmbeddedAgent: model.compat over the family's defaults", () => {
  it("turns off the cache markers and switches the reasoning format, store and developer role on the wire", async () => {
    const compat = { cacheControlFormat: "none", thinkingFormat: "openai", supportsStore: true, supportsDeveloperRole: true, supportsReasoningEffort: true };
    const models = [{ id: "anthropic/claude-opus-4.6", name: "Opus", reasoning: true, compat }];
    await run({ cfg: kiloConfig({ params: { cacheControlTtl: "1h" }, provider: { models } }), thinking: "high" });
    const body = lastBody();
    expect(JSON.stringify(body)).not.toContain("cache_control");
    expect(body.reasoning).toBeUndefined();
    expect(body.reasoning_effort).toBe("high");
    expect(body.store).toBe(false);
    expect(body.messages[0]?.role).toBe("developer");
  });
});

describe("runEmbeddedAgent: retries", () => {
  const unavailable = { kind: "status" as const, status: 503, body: { error: { message: "overloaded" } } };

  it("retries 5xx with exponential backoff, then succeeds", async () => {
    fakeGateway().respondWith(unavailable, unavailable);
    const result = await run({ cfg: kiloConfig() });
    expect(result.text).toBe("Hello from the fake gateway.");
    expect(chats()).toHaveLength(3);
    expect(sleeps).toEqual([1, 2]);
  });

  it("gives up after the bounded retries with a server-error message", async () => {
    fakeGateway().respondWith(unavailable, unavailable, unavailable);
    await expect(run({ cfg: kiloConfig() })).rejects.toMatchObject({ code: "GATEWAY_SERVER_ERROR" });
    expect(chats()).toHaveLength(3);
  });

  it("waits what Retry-After asks on 429, and does not retry when the wait exceeds the cap", async () => {
    const limited = (after: string) => ({ kind: "status" as const, status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": after } });
    fakeGateway().respondWith(limited("2"));
    await run({ cfg: kiloConfig() });
    expect(sleeps).toEqual([2_000]);

    sleeps = [];
    fakeGateway().reset();
    fakeGateway().respondWith(limited("3600"));
    const error = await run({ cfg: kiloConfig() }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: "GATEWAY_RETRY_LATER", message: "Kilo Gateway asks to retry in 60 minutes (429: slow down)." });
    expect(chats()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("does not retry a key rejection or a reply that failed after text was streamed", async () => {
    fakeGateway().respondWith({ kind: "status", status: 401, body: { error: { message: `bad key ${KEY}` } } });
    const rejected = await run({ cfg: kiloConfig() }).catch((err: unknown) => err);
    expect(rejected).toMatchObject({ code: "GATEWAY_AUTH" });
    expect(JSON.stringify({ message: (rejected as Error).message, cause: ((rejected as Error).cause as Error).message })).not.toContain(KEY);
    expect(chats()).toHaveLength(1);

    fakeGateway().reset();
    fakeGateway().respondWith({ kind: "error-event", message: "upstream exploded" });
    await expect(run({ cfg: kiloConfig() })).rejects.toThrow(/upstream exploded/);
    expect(chats()).toHaveLength(1);
  });
});

describe("runEmbeddedAgent: sessions", () => {
  const badSignature = { type: "reasoning.encrypted", id: "call_1", data: "msg_01claude-style" };
  const toolTurn = { kind: "stream" as const, chunks: ["Checking."], toolCalls: [{ id: "call_1", name: "weather", arguments: "{}", reasoningDetails: [badSignature] }] };

  async function twoTurns(model: string): Promise<Body> {
    fakeGateway().respondWith(toolTurn);
    await run({ cfg: kiloConfig(), model, sessionId: "s1", message: "weather?" });
    await run({ cfg: kiloConfig(), model, sessionId: "s1", message: "and now?" });
    return lastBody();
  }

  it("strips invalid thought signatures from a kilocode Gemini transcript on replay, keeping the file intact", async () => {
    const body = await twoTurns("kilocode/google/gemini-3-pro-preview");
    const assistant = body.messages.find((message) => message.role === "assistant") as Record<string, unknown> | undefined;
    expect(assistant?.tool_calls).toMatchObject([{ id: "call_1", function: { name: "weather" } }]);
    expect(assistant?.reasoning_details).toBeUndefined();
    expect(body.messages.filter((message) => message.role === "user")).toHaveLength(2);
    const transcript = readFileSync(path.join(state().stateDir, "agents", "main", "sessions", "s1.jsonl"), "utf8");
    expect(transcript).toContain("msg_01claude-style");
  });

  it("replays the same signatures unchanged for a non-Gemini kilocode model", async () => {
    const body = await twoTurns("kilocode/anthropic/claude-opus-4.6");
    const assistant = body.messages.find((message) => message.role === "assistant") as Record<string, unknown> | undefined;
    expect(assistant?.reasoning_details).toEqual([badSignature]);
  });

  it("records an openclaw.cache-ttl entry per turn for eligible models when pruning is cache-ttl", async () => {
    await run({ cfg: kiloConfig({ pruning: true }), sessionId: "ttl" });
    await run({ cfg: kiloConfig({ pruning: true }), sessionId: "ttl", model: "kilocode/openai/gpt-5.2" });
    const file = path.join(state().stateDir, "agents", "main", "sessions", "ttl.jsonl");
    const entries = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries[0]).toMatchObject({ type: "session", id: "ttl" });
    const ttl = entries.filter((entry) => entry.customType === "openclaw.cache-ttl");
    expect(ttl).toHaveLength(1);
    expect(ttl[0]?.data).toMatchObject({ provider: "kilocode", modelId: "anthropic/claude-opus-4.6", timestamp: expect.any(Number) });
  });

  const userText = (message: { content: unknown }): string =>
    typeof message.content === "string" ? message.content : (message.content as { text?: string }[]).map((part) => part.text ?? "").join("");
  const smallModel = { id: "anthropic/claude-opus-4.6", name: "Small", contextWindow: 4_000, maxTokens: 500 };

  function seedSession(id: string, turns: number, padding = 400): string {
    const dir = path.join(state().stateDir, "agents", "main", "sessions");
    mkdirSync(dir, { recursive: true });
    const lines = [{ type: "session", version: 1, id, timestamp: "2026-01-01T00:00:00Z" }];
    for (let turn = 0; turn < turns; turn++) {
      lines.push({ type: "message", timestamp: "t", message: { role: "user", content: `q${turn} ${"x".repeat(padding)}`, timestamp: 1 } } as never);
      lines.push({ type: "message", timestamp: "t", message: { role: "assistant", content: [{ type: "text", text: `a${turn}` }], stopReason: "stop", timestamp: 2 } } as never);
    }
    const file = path.join(dir, `${id}.jsonl`);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    return file;
  }

  it("sends only the newest turns that fit the model's context window, and says so once per session", async () => {
    const file = seedSession("long", 200);
    const notices: string[] = [];
    const cfg = kiloConfig({ provider: { models: [smallModel] } });
    await run({ cfg, sessionId: "long", message: "first", onNotice: (line) => notices.push(line) });
    const body = lastBody();
    const users = body.messages.filter((message) => message.role === "user").map((message) => userText(message).split(" ")[0]);
    // Newest kept, oldest dropped, the new message last; the request stays within the window's budget.
    expect(users.at(-1)).toBe("first");
    expect(users.at(-2)).toBe("q199");
    expect(users).not.toContain("q0");
    expect(users.length).toBeGreaterThan(2);
    expect(JSON.stringify(body.messages).length / 3).toBeLessThan(smallModel.contextWindow);
    expect(body.messages.find((message) => message.role !== "system" && message.role !== "developer")?.role).toBe("user");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Note: session "long" no longer fits .*4000-token context window; older turns are left out/);

    await run({ cfg, sessionId: "long", message: "second", onNotice: (line) => notices.push(line) });
    expect(notices).toHaveLength(1);
    expect(readFileSync(file, "utf8")).toContain('"customType":"openclaw.history-trimmed"');
  });

  it("always sends the new message, even when it alone is larger than the window", async () => {
    seedSession("huge", 3);
    await run({ cfg: kiloConfig({ provider: { models: [smallModel] } }), sessionId: "huge", message: "z".repeat(20_000) });
    const body = lastBody();
    expect(body.messages.filter((message) => message.role === "user").map(userText)).toEqual(["z".repeat(20_000)]);
  });

  it("replays the whole session when it fits, with no note", async () => {
    seedSession("short", 3, 10);
    const notices: string[] = [];
    await run({ cfg: kiloConfig(), sessionId: "short", message: "next", onNotice: (line) => notices.push(line) });
    expect(lastBody().messages.filter((message) => message.role === "user")).toHaveLength(4);
    expect(notices).toEqual([]);
  });

  it("replays a long session with V8 tuned for bulk work, and sets it back before the request goes out", async () => {
    const v8 = createRequire(import.meta.url)("node:v8") as typeof V8;
    // [flags, chat requests the gateway had received by then]; not applied to this process.
    const toggles: [string, number][] = [];
    vi.spyOn(v8, "setFlagsFromString").mockImplementation((flags) => void toggles.push([flags, chats().length]));
    try {
      seedSession("small", 3, 10);
      await run({ cfg: kiloConfig(), sessionId: "small", message: "next" });
      expect(toggles).toEqual([]);
      // About 620 KB: over the threshold, and all of it fits the default model's window.
      seedSession("long-replay", 1000, 400);
      await run({ cfg: kiloConfig(), sessionId: "long-replay", message: "next" });
      expect(toggles).toEqual([
        ["--no-opt --semi-space-growth-factor=16", 1],
        ["--opt --semi-space-growth-factor=2", 1],
      ]);
      expect(lastBody().messages.filter((message) => message.role === "user")).toHaveLength(1001);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("a null or cut-off line in the session is skipped with a warning, not reported as a gateway error", async () => {
    const file = seedSession("broken", 2, 10);
    writeFileSync(file, `${readFileSync(file, "utf8")}null\n{"type":"message","mess`);
    const notices: string[] = [];
    const result = await run({ cfg: kiloConfig(), sessionId: "broken", message: "still there?", onNotice: (line) => notices.push(line) });
    expect(result.text).toBe("Hello from the fake gateway.");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Warning: session .*broken\.jsonl: skipped 2 damaged lines/);
    expect(lastBody().messages.filter((message) => message.role === "user")).toHaveLength(3);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.every((line) => JSON.parse(line) !== null)).toBe(true);
  });

  it("rejects a session id that could escape the sessions directory", async () => {
    await expect(run({ cfg: kiloConfig(), sessionId: "../x" })).rejects.toMatchObject({ code: "SESSION_ID" });
    expect(chats()).toHaveLength(0);
  });
});
