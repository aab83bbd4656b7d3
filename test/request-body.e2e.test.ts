/**
 * The chat request body on the wire, as the OpenClaw releases send it for Kilo (issue 10 §2): the built
 * CLI after a real onboarding, against the fake gateway on 127.0.0.1.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState, type TempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-body-0123456789abcdef";
const currentGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const currentState = useTempState({ beforeEach, afterEach });
let gateway: FakeGateway;
let state: TempState;
type Config = { models: { providers: Record<string, { baseUrl: string; models: { id: string; name: string }[] }> }; agents: { defaults: Record<string, unknown> & { models: Record<string, { params?: unknown }> } } };

beforeEach(async () => {
  [gateway, state] = [currentGateway(), currentState()];
  const onboarded = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state.env });
  expect(onboarded.code, onboarded.stderr).toBe(0);
  editConfig((config) => {
    config.models.providers.kilocode!.baseUrl = gateway.baseUrl;
  });
});

function editConfig(change: (config: Config) => void): void {
  const config = JSON.parse(readFileSync(state.configPath, "utf8")) as Config;
  change(config);
  writeFileSync(state.configPath, JSON.stringify(config));
}

async function bodyOf(...args: string[]): Promise<Record<string, unknown>> {
  const result = await runCli(["agent", "--message", "hello", ...args], { env: state.env });
  expect(result.code, result.stderr).toBe(0);
  const requests = gateway.chatRequests();
  return requests[requests.length - 1]!.body as Record<string, unknown>;
}

describe("the request body for the onboarded default model, with no params", () => {
  it("matches the releases: stream, usage, store false, 32000 tokens, reasoning low, no cache markers", async () => {
    const body = await bodyOf();
    expect(body).toMatchObject({
      model: "anthropic/claude-opus-4.6",
      stream: true,
      stream_options: { include_usage: true },
      store: false,
      max_completion_tokens: 32000,
      reasoning: { effort: "low" },
    });
    expect(body).not.toHaveProperty("reasoning_effort");
    const raw = JSON.stringify(body);
    expect(raw).not.toContain("cache_control");
    expect(raw).not.toContain("prompt_cache_retention");
    expect(raw).not.toContain("prompt_cache_key");
  });
});

describe("what changes it", () => {
  it("--thinking high and agents.defaults.thinkingDefault set the effort; off sends no reasoning field", async () => {
    expect((await bodyOf("--thinking", "high")).reasoning).toEqual({ effort: "high" });
    editConfig((config) => {
      config.agents.defaults.thinkingDefault = "medium";
    });
    expect((await bodyOf()).reasoning).toEqual({ effort: "medium" });
    expect((await bodyOf("--thinking", "minimal")).reasoning).toEqual({ effort: "minimal" });
    const off = await bodyOf("--thinking", "off");
    expect(off).not.toHaveProperty("reasoning");
    expect(off).not.toHaveProperty("reasoning_effort");
  });

  it("params.maxTokens wins over min(maxTokens, 32000); a smaller catalog maxTokens is sent as is", async () => {
    expect((await bodyOf("--model", "kilocode/x-ai/grok-code-fast-1")).max_completion_tokens).toBe(10000);
    editConfig((config) => {
      config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"]!.params = { maxTokens: 1234 };
    });
    expect((await bodyOf()).max_completion_tokens).toBe(1234);
  });

  it("cache markers only when cacheControlTtl / cacheRetention asks (ttl 1h kept), never prompt_cache_retention", async () => {
    editConfig((config) => {
      config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"]!.params = { cacheControlTtl: "1h" };
    });
    const long = JSON.stringify(await bodyOf());
    expect(long.match(/"cache_control":\{"type":"ephemeral","ttl":"1h"\}/g)).toHaveLength(2);
    expect(long).not.toContain("prompt_cache_retention");
    expect(long).not.toContain("prompt_cache_key");
    editConfig((config) => {
      config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"]!.params = { cacheRetention: "short" };
    });
    expect(JSON.stringify(await bodyOf()).match(/"cache_control":\{"type":"ephemeral"\}/g)).toHaveLength(2);
  });

  it("routing models (kilo/auto, x-ai/*) get no reasoning field", async () => {
    for (const model of ["kilocode/kilo/auto", "kilocode/x-ai/grok-code-fast-1"]) {
      const body = await bodyOf("--model", model, "--thinking", "high");
      expect(body).not.toHaveProperty("reasoning");
      expect(body).not.toHaveProperty("reasoning_effort");
    }
  });

  it("a hand-written {id, name} model does not inherit reasoning from a built-in with another id", async () => {
    editConfig((config) => {
      config.models.providers.kilocode!.models = [{ id: "anthropic/claude-opus-4.6-custom", name: "Custom" }];
    });
    const body = await bodyOf("--model", "kilocode/anthropic/claude-opus-4.6-custom");
    expect(body.model).toBe("anthropic/claude-opus-4.6-custom");
    expect(body).not.toHaveProperty("reasoning");
    expect(body.max_completion_tokens).toBe(8192);
    expect((body.messages as { role: string }[])[0]?.role).toBe("system");
  });
});
