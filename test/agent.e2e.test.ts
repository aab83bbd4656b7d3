/** `openclaw agent` end to end: the built CLI against a fake gateway on 127.0.0.1. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useGatewayAndState } from "./helpers/e2e-setup.js";
import { runCli } from "./helpers/run-cli.js";

const KEY = "sk-kilo-e2e-secret-0123456789";
const { gateway, state } = useGatewayAndState({ beforeAll, afterAll, beforeEach, afterEach });

function writeConfig(config: unknown): void {
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(state().configPath, typeof config === "string" ? config : JSON.stringify(config, null, 2));
}

async function onboardKilo(extraEnv: Record<string, string> = {}): Promise<void> {
  const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: { ...state().env, ...extraEnv } });
  expect(result.code, result.stderr).toBe(0);
  const config = JSON.parse(readFileSync(state().configPath, "utf8"));
  config.models.providers.kilocode.baseUrl = gateway().baseUrl;
  writeConfig(config);
}

function lastChat() {
  const chats = gateway().chatRequests();
  const last = chats[chats.length - 1];
  if (!last) throw new Error("the gateway received no chat request");
  return last as typeof last & { body: Record<string, unknown> };
}

function expectNoKey(result: { stdout: string; stderr: string }): void {
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
}

describe("openclaw agent with Kilo Gateway", () => {
  it("streams the reply after onboarding, sending the right path, key, model and headers", async () => {
    await onboardKilo();
    const result = await runCli(["agent", "--message", "hi there"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("Hello from the fake gateway.\n");
    const request = lastChat();
    expect(request.path).toBe("/api/gateway/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["x-kilocode-feature"]).toBe("openclaw");
    expect(request.body.model).toBe("anthropic/claude-opus-4.6");
    expect(request.body.stream).toBe(true);
    const messages = request.body.messages as { role: string; content: unknown }[];
    expect(messages[messages.length - 1]).toMatchObject({ role: "user" });
    expect(JSON.stringify(messages)).toContain("hi there");
    expectNoKey(result);
  });

  it("marks the system prompt and last user message for Anthropic prompt caching when a cache param asks", async () => {
    await onboardKilo();
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"].params = { cacheControlTtl: "5m" };
    writeConfig(config);
    await runCli(["agent", "--message", "cache me"], { env: state().env });
    const messages = lastChat().body.messages as { role: string; content: { type: string; cache_control?: unknown }[] }[];
    const system = messages.find((message) => message.role === "system" || message.role === "developer");
    expect(system?.content[0]?.cache_control).toEqual({ type: "ephemeral" });
    const user = messages[messages.length - 1];
    expect(user?.content[user.content.length - 1]?.cache_control).toEqual({ type: "ephemeral" });
  });

  it("adds ttl 1h with cacheControlTtl and no markers with cacheRetention none", async () => {
    await onboardKilo();
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"].params = { cacheControlTtl: "1h" };
    writeConfig(config);
    await runCli(["agent", "--message", "long cache"], { env: state().env });
    expect(JSON.stringify(lastChat().body.messages)).toContain('"cache_control":{"type":"ephemeral","ttl":"1h"}');

    config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"].params = { cacheRetention: "none" };
    writeConfig(config);
    await runCli(["agent", "--message", "no cache"], { env: state().env });
    expect(JSON.stringify(lastChat().body.messages)).not.toContain("cache_control");
  });

  it("sends no cache markers for non-Anthropic Kilo models", async () => {
    await onboardKilo();
    const result = await runCli(["agent", "--model", "kilocode/openai/gpt-5.2", "--message", "x"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(lastChat().body.model).toBe("openai/gpt-5.2");
    expect(JSON.stringify(lastChat().body)).not.toContain("cache_control");
  });

  it("maps --thinking to reasoning effort, but not for kilo/auto routing models", async () => {
    await onboardKilo();
    await runCli(["agent", "--thinking", "high", "--message", "think"], { env: state().env });
    expect(lastChat().body.reasoning).toEqual({ effort: "high" });

    await runCli(["agent", "--model", "kilocode/kilo/auto", "--thinking", "high", "--message", "route"], { env: state().env });
    expect(lastChat().body.model).toBe("kilo/auto");
    expect(lastChat().body.reasoning).toBeUndefined();
    expect(lastChat().body.reasoning_effort).toBeUndefined();
  });

  it("sends the organisation header and honours KILOCODE_FEATURE", async () => {
    await onboardKilo();
    await runCli(["agent", "--message", "org"], { env: { ...state().env, KILOCODE_ORG_ID: "org_42", KILOCODE_FEATURE: "my-bot" } });
    expect(lastChat().headers["x-kilocode-organizationid"]).toBe("org_42");
    expect(lastChat().headers["x-kilocode-feature"]).toBe("my-bot");
  });

  it("sends a string stop param as an array", async () => {
    await onboardKilo();
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"].params = { stop: "END" };
    writeConfig(config);
    await runCli(["agent", "--message", "stop"], { env: state().env });
    expect(lastChat().body.stop).toEqual(["END"]);
  });

  it("works with only KILOCODE_API_KEY in the env (implicit provider) and a base URL override", async () => {
    const result = await runCli(["agent", "--model", "kilocode/anthropic/claude-opus-4.6", "--message", "env only", "--json"], {
      env: { ...state().env, KILOCODE_API_KEY: KEY, KILOCODE_API_BASE_URL: gateway().baseUrl },
    });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ text: "Hello from the fake gateway.", model: "kilocode/anthropic/claude-opus-4.6", stopReason: "stop" });
    expect(output.usage.input).toBe(12);
    expect(lastChat().headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("uses a hand-written JSON5 block with apiKey ${KILOCODE_API_KEY}", async () => {
    writeConfig(`{
      // written by hand
      models: { mode: "merge", providers: { kilocode: {
        baseUrl: "${gateway().baseUrl.replace(/\/$/, "")}", apiKey: "\${KILOCODE_API_KEY}", api: "openai-completions",
        models: [{ id: "minimax/minimax-m2.5:free", name: "Minimax: Minimax M2.5" }],
      } } },
      agents: { defaults: { model: { primary: "kilocode/minimax/minimax-m2.5:free" } } },
    }`);
    const result = await runCli(["agent", "--message", "json5"], { env: { ...state().env, KILOCODE_API_KEY: "sk-from-config-var-9999" } });
    expect(result.code, result.stderr).toBe(0);
    expect(lastChat().path).toBe("/api/gateway/chat/completions");
    expect(lastChat().body.model).toBe("minimax/minimax-m2.5:free");
    expect(lastChat().headers.authorization).toBe("Bearer sk-from-config-var-9999");
  });

  it("fails with a clear message when there is no key", async () => {
    const result = await runCli(["agent", "--model", "kilocode/anthropic/claude-opus-4.6", "--message", "x"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No API key found for provider "kilocode"');
    expect(result.stderr).toContain("openclaw onboard --auth-choice kilocode-api-key");
    expect(result.stderr).toContain("KILOCODE_API_KEY");
    expect(gateway().chatRequests()).toHaveLength(0);
  });

  it("replays a session and strips invalid Gemini thought signatures before sending", async () => {
    await onboardKilo();
    const sessionsDir = path.join(state().stateDir, "agents", "main", "sessions");
    mkdirSync(sessionsDir, { recursive: true });
    const toolTurn = (signature: string, model: string) => [
      { type: "session", version: 1, id: "s1", timestamp: "2026-01-01T00:00:00Z" },
      { type: "message", timestamp: "t", message: { role: "user", content: "weather?", timestamp: 1 } },
      {
        type: "message",
        timestamp: "t",
        message: {
          role: "assistant",
          content: [{ type: "toolCall", id: "call_1", name: "weather", arguments: {}, thoughtSignature: signature }],
          api: "openai-completions",
          provider: "kilocode",
          model,
          usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, totalTokens: 2, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
          stopReason: "toolUse",
          timestamp: 2,
        },
      },
      {
        type: "message",
        timestamp: "t",
        message: { role: "toolResult", toolCallId: "call_1", toolName: "weather", content: [{ type: "text", text: "sunny" }], isError: false, timestamp: 3 },
      },
    ];
    // A Claude-style signature persisted as JSON: not base64, so Gemini proxies reject it.
    const badSignature = JSON.stringify({ type: "reasoning.encrypted", data: "msg_01claude" });
    const write = (id: string, model: string) =>
      writeFileSync(path.join(sessionsDir, `${id}.jsonl`), toolTurn(badSignature, model).map((entry) => JSON.stringify(entry)).join("\n") + "\n");

    write("gemini", "google/gemini-3-pro-preview");
    let result = await runCli(["agent", "--session-id", "gemini", "--model", "kilocode/google/gemini-3-pro-preview", "--message", "and now?"], {
      env: state().env,
    });
    expect(result.code, result.stderr).toBe(0);
    const geminiBody = JSON.stringify(lastChat().body);
    expect(geminiBody).toContain("sunny");
    expect(geminiBody).not.toContain("reasoning_details");

    // The same transcript replayed to a non-Gemini Kilo model keeps its signature.
    write("claude", "anthropic/claude-opus-4.6");
    result = await runCli(["agent", "--session-id", "claude", "--model", "kilocode/anthropic/claude-opus-4.6", "--message", "and now?"], {
      env: state().env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.stringify(lastChat().body)).toContain("reasoning_details");
  });

  it("two Gemini turns in one session: the second request carries no invalid thought signature", async () => {
    await onboardKilo();
    const signature = { type: "reasoning.encrypted", id: "call_w", data: "msg_01claude-style-signature" };
    gateway().respondWith({ kind: "stream", chunks: ["Let me check."], toolCalls: [{ id: "call_w", name: "weather", arguments: "{}", reasoningDetails: [signature] }] });
    const model = "kilocode/google/gemini-3-pro-preview";
    const first = await runCli(["agent", "--session-id", "g2", "--model", model, "--message", "weather?"], { env: state().env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("Let me check.\n");
    const transcript = readFileSync(path.join(state().stateDir, "agents", "main", "sessions", "g2.jsonl"), "utf8");
    expect(transcript).toContain("msg_01claude-style-signature");

    const second = await runCli(["agent", "--session-id", "g2", "--model", model, "--message", "and now?", "--json"], { env: state().env });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ sessionId: "g2", model, text: "Hello from the fake gateway." });
    const messages = lastChat().body.messages as Record<string, unknown>[];
    expect(messages.slice(1).map((message) => message.role)).toEqual(["user", "assistant", "tool", "user"]);
    expect(messages[2]).toMatchObject({ content: "Let me check.", tool_calls: [{ id: "call_w" }] });
    expect(messages[2]).not.toHaveProperty("reasoning_details");
    expect(JSON.stringify(messages)).not.toContain("msg_01claude");
  });

  it("keeps a two-turn session and records cache-ttl entries when pruning is cache-ttl", async () => {
    await onboardKilo();
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.agents.defaults.contextPruning = { mode: "cache-ttl" };
    writeConfig(config);
    expect((await runCli(["agent", "--session-id", "work", "--message", "remember 7"], { env: state().env })).code).toBe(0);
    gateway().respondWith({ kind: "stream", chunks: ["7"] });
    const second = await runCli(["agent", "--session-id", "work", "--message", "which number?"], { env: state().env });
    expect(second.stdout).toBe("7\n");
    const messages = lastChat().body.messages as { role: string }[];
    expect(messages.filter((message) => message.role === "user")).toHaveLength(2);
    expect(messages.filter((message) => message.role === "assistant")).toHaveLength(1);
    const lines = readFileSync(path.join(state().stateDir, "agents", "main", "sessions", "work.jsonl"), "utf8").trim().split("\n");
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries[0].type).toBe("session");
    const ttl = entries.filter((entry) => entry.customType === "openclaw.cache-ttl");
    expect(ttl).toHaveLength(2);
    expect(ttl[0].data).toMatchObject({ provider: "kilocode", modelId: "anthropic/claude-opus-4.6" });
    expect(typeof ttl[0].data.timestamp).toBe("number");
  });
});

describe("flags", () => {
  it("--help lists the options and says the slice always runs embedded", async () => {
    const result = await runCli(["agent", "--help"], { env: state().env });
    expect(result.code).toBe(0);
    for (const flag of ["--message", "--model", "--session-id", "--thinking", "--json", "--local", "--verbose", "--timeout"]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("always runs embedded");
  });

  it("accepts --local, rejects an unknown thinking level and an unsafe session id", async () => {
    await onboardKilo();
    const local = await runCli(["agent", "--local", "--message", "x"], { env: state().env });
    expect(local.code, local.stderr).toBe(0);
    const thinking = await runCli(["agent", "--thinking", "max", "--message", "x"], { env: state().env });
    expect(thinking.code).not.toBe(0);
    expect(thinking.stderr).toContain("--thinking");
    const session = await runCli(["agent", "--session-id", "../escape", "--message", "x"], { env: state().env });
    expect(session.code).toBe(1);
    expect(session.stderr).toContain('Invalid --session-id "../escape"');
    expect(gateway().chatRequests()).toHaveLength(1);
  });
});

describe("other providers through the same path", () => {
  for (const [provider, flag, model, expectedModel] of [
    ["openrouter", "--openrouter-api-key", "openrouter/anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5"],
    ["openai", "--openai-api-key", "openai/gpt-4.1-mini", "gpt-4.1-mini"],
  ] as const) {
    it(`${provider}: onboard, point at the fake gateway, send`, async () => {
      const key = `sk-${provider}-key-123456789`;
      expect((await runCli(["onboard", "--non-interactive", flag, key], { env: state().env })).code).toBe(0);
      const config = JSON.parse(readFileSync(state().configPath, "utf8"));
      config.models = { ...config.models, providers: { [provider]: { baseUrl: gateway().baseUrl, models: [] } } };
      writeConfig(config);
      const result = await runCli(["agent", "--model", model, "--message", "hello"], { env: state().env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Hello from the fake gateway.");
      expect(lastChat().body.model).toBe(expectedModel);
      expect(lastChat().headers.authorization).toBe(`Bearer ${key}`);
      expect(lastChat().headers["x-kilocode-feature"]).toBeUndefined();
    });
  }
});
