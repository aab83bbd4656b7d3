/**
 * The proof that a provider is one spec object: a throwaway OpenRouter-style gateway is registered from a
 * single `ProviderSpec`, and onboarding (flag and wizard), `models status` and an agent request against
 * the local fake gateway all work for it with no other change to the code.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useFakeGateway, type RecordedRequest } from "../../test/helpers/fake-gateway.js";
import { createScriptedPrompter } from "../../test/helpers/scripted-prompter.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import { runEmbeddedAgent } from "../agents/pi-embedded-runner/run.js";
import { isCacheTtlEligibleProvider } from "../agents/pi-embedded-runner/cache-ttl.js";
import { resolveTranscriptPolicy } from "../agents/transcript-policy.js";
import { registerOnboardCommand } from "../cli/program/register.onboard.js";
import { buildModelsStatus } from "./models/status.js";
import { runOnboardingWizard } from "./onboard-interactive.js";
import { readConfigFileSnapshot } from "../config/io.js";
import { createCapturingRuntime } from "../runtime.js";
import { registerProviderSpec } from "../providers/api-key-providers.js";
import type { ProviderSpec } from "../providers/spec.js";

const KEY = "sk-acme-throwaway-0123456789";
const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });

function acmeSpec(baseUrl: string) {
  return {
    id: "acme-gw",
    label: "Acme Gateway",
    envVars: ["ACME_GW_API_KEY"],
    api: "openai-completions",
    baseUrl,
    family: "openrouter-proxy",
    writesProviderBlock: true,
    defaultModelId: "anthropic/claude-sonnet-4.5",
    alias: "Acme",
    headers: { feature: { name: "X-Acme-Feature", envVar: "ACME_GW_FEATURE", default: "openclaw" } },
    models: [{ id: "anthropic/claude-sonnet-4.5", name: "Sonnet via Acme", reasoning: false, input: ["text"], contextWindow: 100_000, maxTokens: 4096 }],
  } as const satisfies ProviderSpec;
}

const state = useTempState({ beforeEach, afterEach }, { processEnv: true });
let unregister: () => void;
beforeEach(() => {
  unregister = registerProviderSpec(acmeSpec(fakeGateway().baseUrl));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  unregister();
});

async function config() {
  return (await readConfigFileSnapshot({ env: state().env })).config;
}

function expectOnboarded(stored: Record<string, unknown>, cfg: Awaited<ReturnType<typeof config>>) {
  expect(stored).toEqual({ type: "api_key", provider: "acme-gw", key: KEY });
  expect(cfg.auth?.profiles?.["acme-gw:default"]).toEqual({ provider: "acme-gw", mode: "api_key" });
  expect(cfg.models?.providers?.["acme-gw"]).toMatchObject({ baseUrl: fakeGateway().baseUrl, api: "openai-completions" });
  expect(cfg.agents?.defaults?.model).toEqual({ primary: "acme-gw/anthropic/claude-sonnet-4.5" });
  expect(cfg.agents?.defaults?.models?.["acme-gw/anthropic/claude-sonnet-4.5"]).toEqual({ alias: "Acme" });
}

describe("a provider added from one spec object", () => {
  it("onboards non-interactively through its derived --acme-gw-api-key flag", async () => {
    const program = new Command().exitOverride();
    registerOnboardCommand(program);
    await program.parseAsync(["node", "openclaw", "onboard", "--non-interactive", "--acme-gw-api-key", KEY]);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expectOnboarded(store.profiles["acme-gw:default"], await config());
  });

  it("onboards through the wizard: its group in the picker, its prompt, its models", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "acme-gw", expectMessage: "Model/auth provider" },
      { kind: "text", value: KEY, expectMessage: "Enter Acme Gateway API key" },
      { kind: "select", value: "acme-gw/anthropic/claude-sonnet-4.5", expectMessage: "Default model" },
      // Kilo's built-in catalog has free models, so the wizard offers one as a fallback for the paid default.
      { kind: "select", value: "__none__", expectMessage: "Fallback when Acme Gateway credits run out (or the model is down)" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: state().env });
    const picker = prompter.asked.find((prompt) => prompt.message === "Model/auth provider");
    expect(picker?.options?.map((option) => option.label)).toContain("Acme Gateway");
    const models = prompter.asked.find((prompt) => prompt.message === "Default model");
    expect(models?.options?.map((option) => option.value)).toContain("acme-gw/anthropic/claude-sonnet-4.5");
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expectOnboarded(store.profiles["acme-gw:default"], await config());
  });

  it("shows up in models status as usable, with its key source, then answers an agent request on the wire", async () => {
    const program = new Command().exitOverride();
    registerOnboardCommand(program);
    await program.parseAsync(["node", "openclaw", "onboard", "--non-interactive", "--acme-gw-api-key", KEY]);
    const cfg = await config();

    const status = await buildModelsStatus({ cfg, configPath: state().configPath, env: state().env });
    expect(status.defaultModel).toBe("acme-gw/anthropic/claude-sonnet-4.5");
    expect(status.usable).toBe(true);
    expect(status.providers.find((row) => row.provider === "acme-gw")).toMatchObject({
      baseUrl: fakeGateway().baseUrl,
      source: "config",
      usable: true,
      keySource: "profile:acme-gw:default",
    });

    const result = await runEmbeddedAgent({ cfg, env: { ...state().env, ACME_GW_FEATURE: "throwaway" }, message: "hi" });
    expect(result.text).toBe("Hello from the fake gateway.");
    expect(result.model).toBe("acme-gw/anthropic/claude-sonnet-4.5");
    const [request] = fakeGateway().chatRequests() as (RecordedRequest & { body: Record<string, unknown> })[];
    expect(request?.path).toBe("/api/gateway/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers["x-acme-feature"]).toBe("throwaway");
    expect(request?.body.model).toBe("anthropic/claude-sonnet-4.5");
    // The OpenRouter-style family sends `store: false` as the OpenClaw releases do (issue 10), and no
    // OpenAI prompt-cache retention fields.
    expect(request?.body.store).toBe(false);
    expect(request?.body).not.toHaveProperty("prompt_cache_retention");
  });

  it("inherits its family's rules: cache-TTL for anthropic/* models and the Gemini transcript rule", () => {
    expect(isCacheTtlEligibleProvider("acme-gw", "anthropic/claude-sonnet-4.5")).toBe(true);
    expect(isCacheTtlEligibleProvider("acme-gw", "openai/gpt-5.2")).toBe(false);
    expect(resolveTranscriptPolicy({ provider: "acme-gw", modelId: "google/gemini-3-pro-preview", modelApi: "openai-completions" }).sanitizeThoughtSignatures).toEqual({
      allowBase64Only: true,
      includeCamelCase: true,
    });
  });
});
