/**
 * The body our transport sends must be the one pi-ai sent before it (what gateways, users' configs and the
 * e2e tests have relied on). pi-ai's own builder is run here through its payload hook (which stops the
 * request before any network use) and compared with ours over a matrix of endpoints, options and
 * transcripts.
 */
import type { AssistantMessage, Context, Message, Model as PiModel, SimpleStreamOptions } from "@mariozechner/pi-ai";
import { streamSimpleOpenAICompletions } from "@mariozechner/pi-ai/openai-completions";
import { describe, expect, it } from "vitest";
import { buildCompletionsBody, buildCompletionsHeaders, completionsUrl, supportedReasoningLevel } from "./openai-completions-body.js";
import { resolveCompletionsCompat } from "./openai-completions-compat.js";

const STOP = new Error("payload captured");

async function piAiBody(model: PiModel<string>, context: Context, options: SimpleStreamOptions): Promise<unknown> {
  let captured: unknown;
  const stream = streamSimpleOpenAICompletions(model as PiModel<"openai-completions">, context, {
    ...options,
    onPayload: (payload) => {
      captured = payload;
      throw STOP;
    },
  });
  const reply = await stream.result();
  if (captured === undefined) throw new Error(`pi-ai built no payload: ${reply.errorMessage}`);
  return captured;
}

const ours = (model: PiModel<string>, context: Context, options: SimpleStreamOptions) =>
  buildCompletionsBody({ model, context, options, compat: resolveCompletionsCompat(model), env: {} });

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

type CompletionsModel = PiModel<"openai-completions">;

function model(overrides: Partial<CompletionsModel> = {}): PiModel<string> {
  const built: CompletionsModel = {
    ...{ id: "anthropic/claude-opus-4.6", name: "m", api: "openai-completions", provider: "kilocode", baseUrl: "https://api.kilo.ai/api/gateway/" },
    ...{ reasoning: true, input: ["text", "image"], contextWindow: 200_000, maxTokens: 64_000 },
    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    ...overrides,
  };
  return built as PiModel<string>;
}

const ENDPOINTS: PiModel<string>[] = [
  model({ compat: { thinkingFormat: "openrouter", cacheControlFormat: "anthropic" }, thinkingLevelMap: { off: null } }),
  model({ compat: { thinkingFormat: "openrouter" }, id: "x-ai/grok", reasoning: false, input: ["text"] }),
  model({ provider: "openrouter", baseUrl: "https://openrouter.ai/api/v1", compat: { openRouterRouting: { order: ["a"] } } }),
  model({ provider: "openai", id: "gpt-5", baseUrl: "https://api.openai.com/v1", maxTokens: 0 }),
  model({ provider: "deepseek", id: "deepseek-reasoner", baseUrl: "https://api.deepseek.com/v1" }),
  model({ provider: "zai", id: "glm", baseUrl: "https://api.z.ai/api/paas/v4" }),
  model({ provider: "moonshotai", id: "kimi", baseUrl: "https://api.moonshot.ai/v1" }),
  model({ provider: "custom", id: "llama", baseUrl: "https://llm.chutes.ai/v1", reasoning: false }),
  model({ provider: "xai", id: "grok-4", baseUrl: "https://api.x.ai/v1" }),
  model({ provider: "vercel", baseUrl: "https://ai-gateway.vercel.sh/v1", compat: { vercelGatewayRouting: { only: ["x"] } } }),
  model({
    provider: "custom",
    id: "local",
    baseUrl: "http://127.0.0.1:1/v1/",
    input: ["text"],
    thinkingLevelMap: { low: "lite", off: "none" },
    compat: {
      requiresAssistantAfterToolResult: true,
      requiresThinkingAsText: true,
      requiresToolResultName: true,
      requiresReasoningContentOnAssistantMessages: true,
      maxTokensField: "max_tokens",
      supportsUsageInStreaming: false,
      supportsStrictMode: false,
      thinkingFormat: "qwen-chat-template",
      sendSessionAffinityHeaders: true,
    },
  }),
  model({ provider: "custom", id: "qwen", baseUrl: "http://127.0.0.1:1/v1", compat: { thinkingFormat: "qwen", supportsDeveloperRole: false } }),
];

const usage = { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, totalTokens: 2, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } };
const reply = (content: AssistantMessage["content"], extra: Partial<AssistantMessage> = {}): AssistantMessage => ({
  role: "assistant",
  content,
  api: "openai-completions",
  provider: "kilocode",
  model: "anthropic/claude-opus-4.6",
  usage,
  stopReason: "stop",
  timestamp: 2,
  ...extra,
});

const HISTORY: Message[] = [
  { role: "user", content: "hello \uD800 lone surrogate 😀", timestamp: 1 },
  reply([{ type: "thinking", thinking: "let me think", thinkingSignature: "reasoning_content" }, { type: "text", text: "Hi." }]),
  { role: "user", content: [{ type: "text", text: "look" }, { type: "image", data: "AAAA", mimeType: "image/png" }, { type: "image", data: "BBBB", mimeType: "image/png" }], timestamp: 3 },
  reply([{ type: "text", text: "Calling." }, { type: "toolCall", id: "call_1|long+id/with=chars", name: "weather", arguments: { city: "Paris" }, thoughtSignature: JSON.stringify({ type: "reasoning.encrypted", id: "call_1", data: "x" }) }], {
    provider: "other",
    model: "other-model",
  }),
  { role: "toolResult", toolCallId: "call_1|long+id/with=chars", toolName: "weather", content: [{ type: "text", text: "sunny" }, { type: "image", data: "CCCC", mimeType: "image/png" }], isError: false, timestamp: 4 },
  reply([{ type: "text", text: "half" }], { stopReason: "error", errorMessage: "boom" }),
  reply([{ type: "text", text: "   " }]),
  reply([{ type: "toolCall", id: "call_2", name: "clock", arguments: {} }]),
  { role: "user", content: "and now?", timestamp: 5 },
];

const CONTEXTS: Context[] = [
  { systemPrompt: "You are OpenClaw.", messages: [{ role: "user", content: "hi", timestamp: 1 }] },
  { systemPrompt: "You are OpenClaw.", messages: HISTORY },
  { messages: HISTORY.slice(0, 5) },
  // Tool use only in a failed reply (not replayed, yet it still asks for a tools field).
  { messages: [HISTORY[0]!, reply([{ type: "toolCall", id: "c", name: "t", arguments: {} }], { stopReason: "aborted" }), HISTORY[8]!] },
];

const OPTIONS: SimpleStreamOptions[] = [
  { apiKey: "k" },
  { apiKey: "k", reasoning: "high", maxTokens: 1234, temperature: 0.2 },
  { apiKey: "k", reasoning: "low", cacheRetention: "long", sessionId: "s1" },
  { apiKey: "k", reasoning: "xhigh", cacheRetention: "none", sessionId: "s1" },
  { apiKey: "k", reasoning: "minimal", cacheRetention: "short", sessionId: "s1" },
];

describe("buildCompletionsBody", () => {
  it("builds exactly pi-ai's body for every endpoint, option set and transcript in the matrix", async () => {
    let compared = 0;
    for (const endpoint of ENDPOINTS) {
      for (const context of CONTEXTS) {
        for (const options of OPTIONS) {
          const label = `${endpoint.provider}/${endpoint.id} ${JSON.stringify(options)} ${context.messages.length} messages`;
          expect(plain(ours(endpoint, context, options)), label).toEqual(plain(await piAiBody(endpoint, context, options)));
          compared++;
        }
      }
    }
    expect(compared).toBe(ENDPOINTS.length * CONTEXTS.length * OPTIONS.length);
  });

  it("sends tools with the strict flag only where the endpoint takes it", async () => {
    const tools = [{ name: "weather", description: "Weather", parameters: { type: "object", properties: {} } as never }];
    for (const endpoint of ENDPOINTS) {
      const context: Context = { systemPrompt: "s", messages: [{ role: "user", content: "hi", timestamp: 1 }], tools };
      const options: SimpleStreamOptions = { apiKey: "k", cacheRetention: "short" };
      expect(plain(ours(endpoint, context, options))).toEqual(plain(await piAiBody(endpoint, context, options)));
    }
  });
});

describe("supportedReasoningLevel", () => {
  it("keeps a supported level, moves to the nearest supported one, and sends none for off or a non-reasoning model", () => {
    expect(supportedReasoningLevel({ reasoning: true }, "high")).toBe("high");
    expect(supportedReasoningLevel({ reasoning: true }, "xhigh")).toBe("high");
    expect(supportedReasoningLevel({ reasoning: true, thinkingLevelMap: { xhigh: "max" } }, "xhigh")).toBe("xhigh");
    expect(supportedReasoningLevel({ reasoning: true, thinkingLevelMap: { low: null } }, "low")).toBe("medium");
    expect(supportedReasoningLevel({ reasoning: true }, "off")).toBeUndefined();
    expect(supportedReasoningLevel({ reasoning: false }, "high")).toBeUndefined();
    expect(supportedReasoningLevel({ reasoning: true }, undefined)).toBeUndefined();
  });
});

describe("request URL and headers", () => {
  it("joins the base URL and the path with one slash", () => {
    expect(completionsUrl("https://api.kilo.ai/api/gateway/")).toBe("https://api.kilo.ai/api/gateway/chat/completions");
    expect(completionsUrl("http://127.0.0.1:1/v1")).toBe("http://127.0.0.1:1/v1/chat/completions");
  });

  it("sends the key as a bearer token, then model headers, then the caller's (null removes one)", () => {
    const endpoint = model({ headers: { "X-KILOCODE-FEATURE": "openclaw", "X-Team": "blue" } });
    const compat = resolveCompletionsCompat(endpoint);
    const headers = buildCompletionsHeaders({ model: endpoint, options: { apiKey: "sk-1", headers: { "x-team": "red" } }, compat, env: {} });
    expect(headers).toMatchObject({ Authorization: "Bearer sk-1", "X-KILOCODE-FEATURE": "openclaw", "x-team": "red", "Content-Type": "application/json" });
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === "x-team")).toHaveLength(1);
    const anonymous = buildCompletionsHeaders({ model: endpoint, options: { apiKey: "placeholder", headers: { Authorization: null } as never }, compat, env: {} });
    expect(Object.keys(anonymous).map((name) => name.toLowerCase())).not.toContain("authorization");
  });

  it("adds session-affinity headers only for endpoints that ask for them, and not when caching is off", () => {
    const affinity = model({ compat: { sendSessionAffinityHeaders: true } });
    const compat = resolveCompletionsCompat(affinity);
    expect(buildCompletionsHeaders({ model: affinity, options: { apiKey: "k", sessionId: "s9" }, compat, env: {} })).toMatchObject({ session_id: "s9", "x-session-affinity": "s9" });
    expect(buildCompletionsHeaders({ model: affinity, options: { apiKey: "k", sessionId: "s9", cacheRetention: "none" }, compat, env: {} })).not.toHaveProperty("session_id");
  });
});
