import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScriptedPrompter } from "../../test/helpers/scripted-prompter.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import { OpenClawError } from "../infra/errors.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { createCapturingRuntime } from "../runtime.js";
import { runOnboardingWizard } from "./onboard-interactive.js";
import { describeKeySource, resolveOnboardingKey, storeOnboardingKey, type KeyChainOptions } from "./onboard-key-chain.js";
import { onboardCommand } from "./onboard.js";
import type { OnboardOptions } from "./onboard-types.js";

const tempState = useTempState({ beforeEach, afterEach });

const kilo = () => requireApiKeyProvider("kilocode");
const readStore = () => JSON.parse(readFileSync(tempState().authStorePath, "utf8"));
const readConfig = () => JSON.parse(readFileSync(tempState().configPath, "utf8"));

function writeProfile(profile: Record<string, unknown>, id = "kilocode:work") {
  mkdirSync(tempState().agentDir, { recursive: true });
  writeFileSync(tempState().authStorePath, JSON.stringify({ version: 1, profiles: { [id]: profile } }));
}

function resolve(options: KeyChainOptions, env: Record<string, string> = {}, script?: Parameters<typeof createScriptedPrompter>[0]) {
  const prompter = script ? createScriptedPrompter(script) : undefined;
  const promise = resolveOnboardingKey({ spec: kilo(), cfg: {}, options, agentDir: tempState().agentDir, env: { ...tempState().env, ...env }, ...(prompter ? { prompter } : {}) });
  return { prompter, promise };
}

describe("resolveOnboardingKey, non-interactive (no prompter)", () => {
  it("takes flag, then --token for this provider, then env, then a usable profile", async () => {
    writeProfile({ type: "api_key", provider: "kilocode", key: "sk-profile" });
    const env = { KILOCODE_API_KEY: "sk-env" };
    expect(await resolve({ flagValue: "sk-flag", tokenProvider: "kilocode", token: "sk-tok" }, env).promise).toEqual({ source: "flag", key: "sk-flag" });
    expect(await resolve({ tokenProvider: "KiloCode", token: "sk-tok" }, env).promise).toEqual({ source: "token", key: "sk-tok" });
    expect(await resolve({ tokenProvider: "openrouter", token: "sk-tok" }, env).promise).toMatchObject({ source: "env", key: "sk-env", envVar: "KILOCODE_API_KEY" });
    expect(await resolve({}).promise).toEqual({ source: "profile", profileId: "kilocode:work", mode: "api_key", key: "sk-profile" });
  });

  it("skips a profile whose key cannot be resolved, and fails with the exact upstream text", async () => {
    writeProfile({ type: "api_key", provider: "kilocode", keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" } });
    const err = await resolve({}).promise.catch((error: unknown) => error);
    expect(err).toBeInstanceOf(OpenClawError);
    expect((err as OpenClawError).code).toBe("ONBOARD_MISSING_KEY");
    expect((err as OpenClawError).message).toBe("Missing --kilocode-api-key (or KILOCODE_API_KEY in env, or existing kilocode API-key profile).");
  });
});

describe("resolveOnboardingKey, wizard (with a prompter)", () => {
  it("with no key flag reuses a usable profile first (design order), before --token and env", async () => {
    writeProfile({ type: "token", provider: "kilocode", token: "tok-123456789" });
    const { prompter, promise } = resolve({ tokenProvider: "kilocode", token: "sk-tok" }, { KILOCODE_API_KEY: "sk-env" }, []);
    expect(await promise).toMatchObject({ source: "profile", profileId: "kilocode:work", mode: "token" });
    expect(prompter?.asked).toEqual([]);
  });

  it("a key flag beats the stored profile, without any question", async () => {
    writeProfile({ type: "api_key", provider: "kilocode", key: "sk-old" });
    const { prompter, promise } = resolve({ flagValue: " 'sk-flag-new' " }, { KILOCODE_API_KEY: "sk-env" }, []);
    expect(await promise).toEqual({ source: "flag", key: "sk-flag-new" });
    expect(prompter?.asked).toEqual([]);
  });

  it("confirms the env key (naming the variable), and prompts masked when it is declined", async () => {
    const { prompter, promise } = resolve({}, { KILOCODE_API_KEY: "sk-env-1234567890" }, [
      { kind: "confirm", value: false, expectMessage: "Use existing KILOCODE_API_KEY (env: KILOCODE_API_KEY, sk…90)?" },
      { kind: "text", value: "sk-typed", expectMessage: "Enter Kilo Gateway API key" },
    ]);
    expect(await promise).toEqual({ source: "prompt", key: "sk-typed" });
    expect(prompter?.asked.find((prompt) => prompt.kind === "text")?.mask).toBe(true);
  });
});

describe("storeOnboardingKey", () => {
  it("stores a reference in ref mode, refuses ref mode without the env var, and leaves a reused profile alone", async () => {
    const env = { ...tempState().env, KILOCODE_API_KEY: "sk-env" };
    await storeOnboardingKey({ spec: kilo(), resolved: { source: "flag", key: "sk-flag" }, options: { secretInputMode: "ref" }, agentDir: tempState().agentDir, env });
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" } });
    const refused = storeOnboardingKey({ spec: kilo(), resolved: { source: "flag", key: "sk-flag" }, options: { secretInputMode: "ref" }, agentDir: tempState().agentDir, env: tempState().env });
    await expect(refused).rejects.toThrow("--secret-input-mode ref stores a reference to KILOCODE_API_KEY, but KILOCODE_API_KEY is not set. Export it, then re-run.");
    const reused = await storeOnboardingKey({ spec: kilo(), resolved: { source: "profile", profileId: "kilocode:work", mode: "token", key: "t" }, options: {}, agentDir: tempState().agentDir, env });
    expect(reused).toEqual({ profileId: "kilocode:work", mode: "token", storedAs: "existing" });
    expect(describeKeySource(kilo(), { source: "env", key: "k", envVar: "KILOCODE_API_KEY", envSource: "shell env: KILOCODE_API_KEY" })).toBe("shell env: KILOCODE_API_KEY");
  });
});

describe("the wizard honours the key flags", () => {
  const wizard = (opts: OnboardOptions, script: Parameters<typeof createScriptedPrompter>[0]) => {
    const prompter = createScriptedPrompter(script);
    return { prompter, done: runOnboardingWizard({ acceptRisk: true, ...opts }, createCapturingRuntime(), prompter, { env: tempState().env }) };
  };

  it("--auth-choice kilocode-api-key --kilocode-api-key stores the flag's key and asks no key question", async () => {
    const { prompter, done } = wizard({ authChoice: "kilocode-api-key", kilocodeApiKey: "sk-flag-wizard-123" }, []);
    await done;
    expect(prompter.asked.filter((prompt) => prompt.kind === "text" || prompt.kind === "confirm" || prompt.kind === "select")).toEqual([]);
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-flag-wizard-123");
    expect(readConfig().agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
  });

  it("a lone --kilocode-api-key picks the provider; --secret-input-mode ref stores a reference", async () => {
    const env = { ...tempState().env, KILOCODE_API_KEY: "sk-env-ref" };
    const prompter = createScriptedPrompter([]);
    await runOnboardingWizard({ acceptRisk: true, kilocodeApiKey: "sk-env-ref", secretInputMode: "ref" }, createCapturingRuntime(), prompter, { env });
    expect(prompter.asked.some((prompt) => prompt.message === "Model/auth provider")).toBe(false);
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" } });
    expect(readFileSync(tempState().authStorePath, "utf8")).not.toContain("sk-env-ref");
  });

  it("--token with --token-provider kilocode and --auth-choice token", async () => {
    const { done } = wizard({ authChoice: "token", tokenProvider: "kilocode", token: "sk-token-wizard" }, []);
    await done;
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-token-wizard");
  });

  it("--kilocode-api-key - reads the key from stdin and the wizard then uses the terminal", async () => {
    const prompter = createScriptedPrompter([]);
    const opened: string[] = [];
    const run = onboardCommand({ acceptRisk: true, kilocodeApiKey: "-" }, createCapturingRuntime(), {
      env: tempState().env,
      stdinIsTTY: false,
      readStdin: async () => "sk-from-stdin-99\n",
      openTerminal: () => {
        opened.push("tty");
        return undefined;
      },
    });
    // Without a terminal to fall back on, the wizard refuses clearly instead of prompting into a pipe.
    await expect(run).rejects.toMatchObject({ code: "ONBOARD_NO_TTY" });
    expect(opened).toEqual(["tty"]);
    expect(prompter.asked).toEqual([]);
  });
});
