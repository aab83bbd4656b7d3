/**
 * Model fallbacks, usage and cost in `openclaw agent`, end to end: the built CLI against the fake gateway.
 * Kilo Gateway is the primary; a second provider block pointing at the same fake gateway stands in for
 * "another provider" (its key differs, so requests tell the two apart).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const KILO_KEY = "sk-kilo-fallback-0123456789";
const OTHER_KEY = "sk-or-fallback-9876543210";
const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
let gateway: FakeGateway;
const state = useTempState({ beforeEach, afterEach });

/** No waiting between retries, and a single retry, so exhausted-retry paths stay quick. */
const ENV = { OPENCLAW_RETRY_BASE_MS: "1", OPENCLAW_MAX_RETRIES: "1", KILOCODE_API_KEY: KILO_KEY, OPENROUTER_API_KEY: OTHER_KEY };

beforeEach(() => {
  gateway = fakeGateway();
});

function writeConfig(fallbacks: string[]): void {
  mkdirSync(state().stateDir, { recursive: true });
  const block = (models: string[]) => ({ baseUrl: gateway.baseUrl, api: "openai-completions", models: models.map((id) => ({ id, name: id })) });
  writeFileSync(
    state().configPath,
    JSON.stringify({
      models: {
        providers: {
          kilocode: block(["anthropic/claude-opus-4.6", "z-ai/glm-5:free"]),
          openrouter: block(["openrouter/auto"]),
        },
      },
      agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6", fallbacks } } },
    }),
  );
}

const agent = (...args: string[]) => runCli(["agent", ...args], { env: { ...state().env, ...ENV } });
const chatModels = () => gateway.chatRequests().map((request) => (request.body as { model: string }).model);
const authHeaders = () => gateway.chatRequests().map((request) => request.headers.authorization);
const CREDITS_402 = { kind: "status", status: 402, body: { error: { message: "Insufficient credits", code: 402, metadata: { buyCreditsUrl: "https://app.kilo.ai/credits" } } } } as const;

describe("fallbacks", () => {
  it("402 on the primary: the same turn goes to the next fallback, with one stderr line", async () => {
    writeConfig(["kilocode/z-ai/glm-5:free"]);
    gateway.respondWith(CREDITS_402, { kind: "stream", chunks: ["free", " answer"] });
    const result = await agent("--message", "hi", "--session-id", "fb1");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("free answer\n");
    expect(result.stderr).toContain("Kilo Gateway: out of credits for anthropic/claude-opus-4.6; using kilocode/z-ai/glm-5:free");
    expect(result.stderr.match(/using kilocode/g)).toHaveLength(1);
    expect(chatModels()).toEqual(["anthropic/claude-opus-4.6", "z-ai/glm-5:free"]);
    const messages = (gateway.chatRequests()[1]?.body as { messages: { role: string; content: unknown }[] }).messages;
    expect(JSON.stringify(messages.at(-1))).toContain("hi");

    // The session records the model that answered.
    const sessionsDir = path.join(state().stateDir, "agents", "main", "sessions");
    const file = readdirSync(sessionsDir).find((name) => name.startsWith("fb1"));
    const replies = readFileSync(path.join(sessionsDir, file ?? "missing"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.type === "message" && entry.message.role === "assistant");
    expect(replies.at(-1).message).toMatchObject({ provider: "kilocode", model: "z-ai/glm-5:free" });
  });

  it("--json reports fallbackFrom and the reason", async () => {
    writeConfig(["kilocode/z-ai/glm-5:free"]);
    gateway.respondWith(CREDITS_402);
    const result = await agent("--json", "--message", "hi");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      model: "kilocode/z-ai/glm-5:free",
      fallbackFrom: "kilocode/anthropic/claude-opus-4.6",
      fallbackReason: "out_of_credits",
      attempts: [{ model: "kilocode/anthropic/claude-opus-4.6", reason: "out_of_credits", status: 402 }],
    });
  });

  it("401 does not fall back to the same provider", async () => {
    writeConfig(["kilocode/z-ai/glm-5:free"]);
    gateway.respondWith({ kind: "status", status: 401, body: { error: { message: "bad key" } } });
    const result = await agent("--message", "hi");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway rejected the API key (401)");
    expect(result.stderr).not.toContain("using kilocode/");
    expect(chatModels()).toEqual(["anthropic/claude-opus-4.6"]);
  });

  it("401 skips the provider's other fallbacks but moves on to another provider", async () => {
    writeConfig(["kilocode/z-ai/glm-5:free", "openrouter/openrouter/auto"]);
    gateway.respondWith({ kind: "status", status: 401, body: { error: { message: "bad key" } } });
    const result = await agent("--message", "hi");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Kilo Gateway: API key rejected for anthropic/claude-opus-4.6; using openrouter/openrouter/auto");
    expect(chatModels()).toEqual(["anthropic/claude-opus-4.6", "openrouter/auto"]);
    expect(authHeaders()).toEqual([`Bearer ${KILO_KEY}`, `Bearer ${OTHER_KEY}`]);
  });

  it("5xx beyond the retries and 404 move down the chain in order; all failing reports the first error", async () => {
    writeConfig(["kilocode/z-ai/glm-5:free", "openrouter/openrouter/auto"]);
    gateway.respondWith(
      { kind: "status", status: 503, body: { error: { message: "overloaded" } } },
      { kind: "status", status: 503, body: { error: { message: "overloaded" } } },
      { kind: "status", status: 404, body: { error: { message: "no such model" } } },
      CREDITS_402,
    );
    const result = await agent("--message", "hi");
    expect(result.code).toBe(1);
    expect(chatModels()).toEqual(["anthropic/claude-opus-4.6", "anthropic/claude-opus-4.6", "z-ai/glm-5:free", "openrouter/auto"]);
    expect(result.stderr).toContain("Kilo Gateway: server error for anthropic/claude-opus-4.6; using kilocode/z-ai/glm-5:free");
    expect(result.stderr).toContain("Kilo Gateway: model not found for z-ai/glm-5:free; using openrouter/openrouter/auto");
    expect(result.stderr).toContain("Error: Kilo Gateway had a server error (503)");
    expect(result.stderr).toContain("The fallbacks failed too: kilocode/z-ai/glm-5:free (model not found), openrouter/openrouter/auto (out of credits)");
  });

  it("without fallbacks a 402 fails as before", async () => {
    writeConfig([]);
    gateway.respondWith(CREDITS_402);
    const result = await agent("--message", "hi");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Out of credits (402): Insufficient credits");
    expect(chatModels()).toHaveLength(1);
  });
});

describe("usage and cost", () => {
  it("--json includes token usage and the cost the gateway reports", async () => {
    writeConfig([]);
    gateway.respondWith({ kind: "stream", chunks: ["ok"], usage: { prompt_tokens: 1200, completion_tokens: 34, cost: 0.00421 } });
    const result = await agent("--json", "--message", "hi");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).usage).toEqual({ input: 1200, output: 34, cacheRead: 0, cacheWrite: 0, total: 1234, costUsd: 0.00421 });
  });

  it("--verbose prints one usage line on stderr; no cost field when the gateway reports none", async () => {
    writeConfig([]);
    gateway.respondWith({ kind: "stream", chunks: ["ok"], usage: { prompt_tokens: 1200, completion_tokens: 34, cost: 0.0125 } });
    const verbose = await agent("--verbose", "--message", "hi");
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stdout).toBe("ok\n");
    const lines = verbose.stderr.split("\n").filter((line) => line.startsWith("Usage:"));
    expect(lines).toEqual(["Usage: 1,200 in · 34 out · $0.0125 · kilocode/anthropic/claude-opus-4.6"]);

    gateway.respondWith({ kind: "stream", chunks: ["ok"], usage: { prompt_tokens: 5, completion_tokens: 1 } });
    const plain = await agent("--json", "--message", "hi");
    expect(JSON.parse(plain.stdout).usage).not.toHaveProperty("costUsd");
    expect((await agent("--message", "hi")).stderr).not.toContain("Usage:");
  });
});
