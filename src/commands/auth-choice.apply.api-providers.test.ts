import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScriptedPrompter } from "../../test/helpers/scripted-prompter.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import { createCapturingRuntime } from "../runtime.js";
import { applyAuthChoiceApiProviders, resolveAuthChoiceFromTokenProvider } from "./auth-choice.apply.api-providers.js";

const tempState = useTempState({ beforeEach, afterEach });

const REF = "kilocode/anthropic/claude-opus-4.6";
const readStore = () => JSON.parse(readFileSync(tempState().authStorePath, "utf8"));

function apply(script: Parameters<typeof createScriptedPrompter>[0], extra: { env?: Record<string, string>; opts?: { tokenProvider?: string; token?: string }; setDefaultModel?: boolean } = {}) {
  const prompter = createScriptedPrompter(script);
  const promise = applyAuthChoiceApiProviders({
    authChoice: "kilocode-api-key",
    config: {},
    prompter,
    runtime: createCapturingRuntime(),
    agentDir: tempState().agentDir,
    setDefaultModel: extra.setDefaultModel ?? true,
    env: extra.env ?? {},
    ...(extra.opts ? { opts: extra.opts } : {}),
  });
  return { prompter, promise };
}

describe("applyAuthChoiceApiProviders for kilocode-api-key", () => {
  it("reuses an existing usable kilocode profile without asking for a key, keeping its id and mode", async () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    writeFileSync(tempState().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:work": { type: "token", provider: "kilocode", token: "tok-123456789" } } }));
    const { prompter, promise } = apply([], { env: { KILOCODE_API_KEY: "sk-env-ignored" } });
    const result = await promise;
    expect(prompter.asked.filter((prompt) => prompt.kind === "text" || prompt.kind === "confirm")).toEqual([]);
    expect(result?.config.auth?.profiles).toEqual({ "kilocode:work": { provider: "kilocode", mode: "token" } });
    expect(result?.credential).toMatchObject({ profileId: "kilocode:work", source: "profile" });
    expect(readStore().profiles).not.toHaveProperty("kilocode:default");
  });

  it("uses --token with --token-provider kilocode", async () => {
    const { prompter, promise } = apply([], { opts: { tokenProvider: "KiloCode", token: ' "sk-from-token" ' }, env: { KILOCODE_API_KEY: "sk-env" } });
    const result = await promise;
    expect(prompter.asked.some((prompt) => prompt.kind === "confirm")).toBe(false);
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: "sk-from-token" });
    expect(result?.config.agents?.defaults?.model).toEqual({ primary: REF });
  });

  it("offers KILOCODE_API_KEY from the env and stores it when accepted", async () => {
    const { prompter, promise } = apply(
      [{ kind: "confirm", value: true, expectMessage: "Use existing KILOCODE_API_KEY (env: KILOCODE_API_KEY, sk…90)?" }],
      { env: { KILOCODE_API_KEY: "sk-env-1234567890" } },
    );
    const result = await promise;
    expect(prompter.asked.find((prompt) => prompt.kind === "confirm")?.initialValue).toBe(true);
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-env-1234567890");
    expect(result?.config.auth?.profiles?.["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key" });
    expect(result?.config.models?.providers?.kilocode?.baseUrl).toBe("https://api.kilo.ai/api/gateway/");
    expect(prompter.asked.find((prompt) => prompt.kind === "note" && prompt.title === "Model configured")?.message).toBe(`Default model set to ${REF}`);
  });

  it("asks for a masked key when the env key is declined, and normalises it", async () => {
    const { prompter, promise } = apply(
      [
        { kind: "confirm", value: false },
        { kind: "text", value: "export KILOCODE_API_KEY='sk-typed-key';", expectMessage: "Enter Kilo Gateway API key" },
      ],
      { env: { KILOCODE_API_KEY: "sk-env-1234567890" } },
    );
    await promise;
    expect(prompter.asked.find((prompt) => prompt.kind === "text")?.mask).toBe(true);
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-typed-key");
    expect(prompter.remaining()).toBe(0);
  });

  it("validates the typed key (empty is rejected)", async () => {
    const { promise } = apply([{ kind: "text", value: "   " }]);
    await expect(promise).rejects.toThrow("failed validation: Required");
  });

  it("without setDefaultModel only registers the provider and returns an agent model override", async () => {
    const { promise } = apply([{ kind: "text", value: "sk-typed" }], { setDefaultModel: false });
    const result = await promise;
    expect(result?.agentModelOverride).toBe(REF);
    expect(result?.config.agents?.defaults?.model).toBeUndefined();
    expect(result?.config.agents?.defaults?.models?.[REF]).toEqual({ alias: "Kilo Gateway" });
  });

  it("returns null for choices it does not handle", async () => {
    const result = await applyAuthChoiceApiProviders({
      authChoice: "skip",
      config: {},
      prompter: createScriptedPrompter([]),
      runtime: createCapturingRuntime(),
      setDefaultModel: true,
      env: {},
    });
    expect(result).toBeNull();
  });
});

describe("resolveAuthChoiceFromTokenProvider", () => {
  it("maps --token-provider kilocode to kilocode-api-key", () => {
    expect(resolveAuthChoiceFromTokenProvider("token", "kilocode")).toBe("kilocode-api-key");
    expect(resolveAuthChoiceFromTokenProvider("apiKey", "kilocode")).toBe("kilocode-api-key");
    expect(resolveAuthChoiceFromTokenProvider("apiKey", "anthropic")).toBe("apiKey");
    expect(resolveAuthChoiceFromTokenProvider("openai-api-key", "kilocode")).toBe("openai-api-key");
    expect(resolveAuthChoiceFromTokenProvider("token", "nope")).toBe("token");
  });
});
