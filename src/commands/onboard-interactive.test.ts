import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_EMAIL, FAKE_DEVICE_TOKEN } from "../../test/helpers/fake-account.js";
import { useFakeGateway } from "../../test/helpers/fake-gateway.js";
import { createScriptedPrompter } from "../../test/helpers/scripted-prompter.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import { createCapturingRuntime, RuntimeExitError } from "../runtime.js";
import { WizardCancelledError } from "../wizard/prompts.js";
import { runOnboardingWizard } from "./onboard-interactive.js";

const state = useTempState({ beforeEach, afterEach });
const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
/** The account API (organisation step, browser sign-in) answers from the fake gateway. */
const env = () => ({ ...state().env, KILOCODE_API_BASE_URL: gateway().baseUrl, OPENCLAW_DEVICE_AUTH_POLL_MS: "20" });

const readConfig = () => JSON.parse(readFileSync(state().configPath, "utf8"));

// The onboarded Kilo catalog has free models, so after a paid default the wizard offers one as a fallback.
const KILO_FALLBACK = "Fallback when Kilo Gateway credits run out (or the model is down)";
const OPENROUTER_FALLBACK = "Fallback when OpenRouter credits run out (or the model is down)";

describe("runOnboardingWizard", () => {
  it("walks a new user through Kilo Gateway: risk, provider, key, model, summary", async () => {
    const prompter = createScriptedPrompter([
      { kind: "confirm", value: true, expectMessage: "I understand this is powerful and inherently risky. Continue?" },
      { kind: "select", value: "kilocode", expectMessage: "Model/auth provider" },
      { kind: "select", value: "kilocode-api-key", expectMessage: "Kilo Gateway auth method" },
      { kind: "text", value: "sk-wizard-1234567890", expectMessage: "Enter Kilo Gateway API key" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Default model" },
      { kind: "select", value: "__none__", expectMessage: KILO_FALLBACK },
    ]);
    await runOnboardingWizard({}, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.remaining()).toBe(0);
    expect(prompter.asked[0]).toEqual({ kind: "intro", message: "OpenClaw onboarding" });
    const providerSelect = prompter.asked.find((prompt) => prompt.message === "Model/auth provider");
    expect(providerSelect?.options?.map((option) => option.label)).toEqual(["Anthropic", "OpenAI", "OpenRouter", "Kilo Gateway", "Skip for now"]);
    const modelSelect = prompter.asked.find((prompt) => prompt.message === "Default model");
    expect(modelSelect?.initialValue).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(modelSelect?.options?.every((option) => !String(option.value).startsWith("openai/"))).toBe(true);
    expect(modelSelect?.options?.map((option) => option.label)).toContain("Enter model manually");
    const summary = prompter.asked.find((prompt) => prompt.title === "Summary")?.message ?? "";
    expect(summary).toContain("sk…90");
    expect(summary).not.toContain("sk-wizard-1234567890");
    expect(readConfig().agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
  });

  it("lets the user enter another kilocode/ model by hand", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__manual__" },
      { kind: "text", value: "kilocode/minimax/minimax-m2.5:free", expectMessage: "Model (provider/model)" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(readConfig().agents.defaults.model.primary).toBe("kilocode/minimax/minimax-m2.5:free");
    expect(readConfig().agents.defaults.models).toEqual({ "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" } });
  });

  it("offers a searchable live catalog through the model-step extension", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__ext0" },
      { kind: "select", value: "kilocode/z-ai/glm-5:free", expectMessage: "Search models" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, {
      env: env(),
      modelStepExtensions: () => [
        {
          provider: "kilocode",
          label: "Browse all Kilo models",
          progressLabel: "Loading Kilo models…",
          load: async () => ({ refs: [{ value: "kilocode/z-ai/glm-5:free", label: "kilocode/z-ai/glm-5:free" }] }),
        },
      ],
    });
    expect(prompter.asked.find((prompt) => prompt.message === "Default model")?.options?.map((option) => option.label)).toContain("Browse all Kilo models");
    expect(prompter.asked.filter((prompt) => prompt.kind === "progress").map((prompt) => prompt.message)).toContain("Loading Kilo models…");
    expect(prompter.asked.filter((prompt) => prompt.kind === "progress-stop").map((prompt) => prompt.message).slice(0, 2)).toEqual([`Account: ${FAKE_ACCOUNT_EMAIL}`, "1 models"]);
    expect(readConfig().agents.defaults.model.primary).toBe("kilocode/z-ai/glm-5:free");
  });

  it("shows a catalog that could not load as a failure, and still offers what it has", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__ext0" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Search models" },
      { kind: "select", value: "__none__", expectMessage: KILO_FALLBACK },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, {
      env: env(),
      modelStepExtensions: () => [
        {
          provider: "kilocode",
          label: "Browse all Kilo models",
          progressLabel: "Loading Kilo models…",
          load: async () => ({
            refs: [{ value: "kilocode/anthropic/claude-opus-4.6", label: "kilocode/anthropic/claude-opus-4.6" }],
            note: "Kilo catalog unavailable (HTTP 503)",
            failed: true,
          }),
        },
      ],
    });
    expect(prompter.asked.find((prompt) => prompt.kind === "progress-fail")?.message).toBe("Kilo catalog unavailable (HTTP 503)");
    expect(prompter.asked.some((prompt) => prompt.kind === "progress-stop" && prompt.message.includes("Kilo catalog"))).toBe(false);
  });

  it("turns a manual ref in Kilo's own naming into the gateway ref, after asking", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__manual__" },
      { kind: "text", value: "minimax/minimax-m2.5:free", expectMessage: "Model (provider/model)" },
      { kind: "confirm", value: true, expectMessage: '"minimax" is not a configured provider. Use kilocode/minimax/minimax-m2.5:free?' },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(readConfig().agents.defaults.model.primary).toBe("kilocode/minimax/minimax-m2.5:free");
  });

  it("asks again when the gateway ref is declined, and keeps refs of known providers as typed", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__manual__" },
      { kind: "text", value: "z-ai/glm-5:free" },
      { kind: "confirm", value: false },
      { kind: "text", value: "openrouter/auto" },
      { kind: "select", value: "__none__", expectMessage: OPENROUTER_FALLBACK },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(readConfig().agents.defaults.model.primary).toBe("openrouter/auto");
  });

  it("after a paid default, offers a free fallback and shows it in the summary", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    const models = [
      { id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6" },
      { id: "z-ai/glm-5:free", name: "GLM-5 (Free)" },
    ];
    writeFileSync(state().configPath, JSON.stringify({ models: { providers: { kilocode: { baseUrl: gateway().baseUrl, models } } } }));
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-fallback-1234567890" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Default model" },
      { kind: "select", value: "kilocode/z-ai/glm-5:free", expectMessage: "Fallback when Kilo Gateway credits run out (or the model is down)" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.remaining()).toBe(0);
    expect(readConfig().agents.defaults.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: ["kilocode/z-ai/glm-5:free"] });
    expect(prompter.asked.find((prompt) => prompt.title === "Summary")?.message).toContain("Fallbacks: kilocode/z-ai/glm-5:free");
  });

  it("keeps the previous default when asked, and every unrelated key", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, JSON.stringify({ gateway: { port: 1 }, agents: { defaults: { model: { primary: "openrouter/auto" } } } }));
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__keep__" },
      { kind: "select", value: "__none__", expectMessage: OPENROUTER_FALLBACK },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.asked.some((prompt) => prompt.title === "Existing config")).toBe(true);
    expect(readConfig().agents.defaults.model.primary).toBe("openrouter/auto");
    // The existing port is kept; only the gateway fields that were missing are filled in (issue 10).
    expect(readConfig().gateway).toMatchObject({ port: 1, mode: "local", bind: "loopback", auth: { mode: "token" } });
    expect(readConfig().models.providers.kilocode).toBeDefined();
  });

  it("starts the provider picker on the provider already configured", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, JSON.stringify({ agents: { defaults: { model: { primary: "kilocode/z-ai/glm-5:free" } } } }));
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode", expectMessage: "Model/auth provider" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x" },
      { kind: "select", value: "__keep__" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.asked.find((prompt) => prompt.message === "Model/auth provider")?.initialValue).toBe("kilocode");
  });

  it("declining the risk note cancels without writing", async () => {
    const prompter = createScriptedPrompter([{ kind: "confirm", value: false }]);
    await expect(runOnboardingWizard({}, createCapturingRuntime(), prompter, { env: env() })).rejects.toBeInstanceOf(WizardCancelledError);
    expect(existsSync(state().configPath)).toBe(false);
  });

  it("a broken config stops the wizard with exit 1 and leaves the file alone", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, "{ broken");
    const prompter = createScriptedPrompter([]);
    await expect(runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() })).rejects.toBeInstanceOf(RuntimeExitError);
    expect(prompter.asked.find((prompt) => prompt.title === "Config invalid")?.message).toContain("Failed to parse");
    expect(readFileSync(state().configPath, "utf8")).toBe("{ broken");
  });

  it("cancelling at the model step leaves both the config and the auth store untouched", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, '{ "gateway": { "port": 1 } }');
    const scripted = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-cancelled-123" },
    ]);
    const prompter = {
      ...scripted,
      select: async <T,>(params: Parameters<typeof scripted.select<T>>[0]) => {
        if (params.message === "Default model") throw new WizardCancelledError();
        return scripted.select<T>(params);
      },
    };
    await expect(runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() })).rejects.toBeInstanceOf(WizardCancelledError);
    expect(scripted.remaining()).toBe(0);
    expect(readFileSync(state().configPath, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("a broken auth store stops onboarding before anything is written", async () => {
    mkdirSync(state().agentDir, { recursive: true });
    writeFileSync(state().configPath, '{ "gateway": { "port": 1 } }');
    writeFileSync(state().authStorePath, "[]");
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-never-stored" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6" },
    ]);
    await expect(runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() })).rejects.toThrow(
      `Failed to parse auth store ${state().authStorePath}: the top level must be a JSON object`,
    );
    expect(readFileSync(state().configPath, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(readFileSync(state().authStorePath, "utf8")).toBe("[]");
  });

  it("signs in with the browser: shows URL and code, stores the token, says who signed in, offers the organisations", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending", "approved"], code: "QRST-1111" });
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: [{ id: "org_1", name: "Acme", role: "owner" }, { id: "org_2" }] });
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-device", expectMessage: "Kilo Gateway auth method" },
      { kind: "select", value: "org_1", expectMessage: "Kilo Gateway organisation" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6" },
      { kind: "select", value: "__none__", expectMessage: KILO_FALLBACK },
    ]);
    await runOnboardingWizard({ acceptRisk: true, noBrowser: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.remaining()).toBe(0);
    const authMethod = prompter.asked.find((prompt) => prompt.message === "Kilo Gateway auth method");
    expect(authMethod?.options?.map((option) => option.label)).toEqual(["Kilo Gateway API key", "Sign in with browser", "Back"]);
    const instructions = prompter.asked.find((prompt) => prompt.title === "Sign in with browser")?.message ?? "";
    expect(instructions).toContain(`${gateway().origin}/device-auth?code=QRST-1111`);
    expect(instructions).toContain("QRST-1111");
    expect(prompter.asked.some((prompt) => prompt.kind === "note" && prompt.message === `Signed in as ${FAKE_ACCOUNT_EMAIL}`)).toBe(true);
    const orgs = prompter.asked.find((prompt) => prompt.message === "Kilo Gateway organisation");
    expect(orgs?.options?.map((option) => option.label)).toEqual(["Personal", "Acme", "org_2"]);
    expect(JSON.stringify(prompter.asked)).not.toContain(FAKE_DEVICE_TOKEN);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: FAKE_DEVICE_TOKEN, email: FAKE_ACCOUNT_EMAIL });
    expect(readConfig().models.providers.kilocode.organizationId).toBe("org_1");
    expect(prompter.asked.find((prompt) => prompt.title === "Summary")?.message).toContain("Organisation: org_1");
  });

  it("offers the organisations after an API key too; Personal stores none", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: [{ id: "org_1", name: "Acme" }] });
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-kilo-wizard-org" },
      { kind: "select", value: "personal", expectMessage: "Kilo Gateway organisation" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6" },
      { kind: "select", value: "__none__", expectMessage: KILO_FALLBACK },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(gateway().requests.find((request) => request.path === "/api/profile")?.headers.authorization).toBe("Bearer sk-kilo-wizard-org");
    expect(readConfig().models.providers.kilocode.organizationId).toBeUndefined();
  });

  it("a denied browser sign-in stops the wizard with one error and writes nothing", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["denied"] });
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-device" },
    ]);
    await expect(runOnboardingWizard({ acceptRisk: true, noBrowser: true }, createCapturingRuntime(), prompter, { env: env() })).rejects.toThrow(
      /sign-in was denied in the browser; nothing was saved/,
    );
    expect(existsSync(state().configPath)).toBe(false);
    expect(existsSync(state().authStorePath)).toBe(false);
  });
});

describe("runOnboardingWizard with a key already stored", () => {
  const OLD_KEY = "sk-old-rejected-0123456789";
  function storeOldKey(): void {
    mkdirSync(state().agentDir, { recursive: true });
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: OLD_KEY } } }));
  }
  const storedKey = () => JSON.parse(readFileSync(state().authStorePath, "utf8")).profiles["kilocode:default"].key;

  it("offers keep / replace / sign in again, and 'Replace the key' asks for and stores a new one", async () => {
    storeOldKey();
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "select", value: "replace", expectMessage: "Kilo Gateway already has a key (kilocode:default, sk-…789)" },
      { kind: "text", value: "sk-new-key-9876543210", expectMessage: "Enter Kilo Gateway API key" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Default model" },
      { kind: "select", value: "__none__", expectMessage: /^Fallback when Kilo Gateway credits run out/ },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    const decision = prompter.asked.find((prompt) => prompt.message.includes("already has a key"));
    expect(decision?.options?.map((option) => option.label)).toEqual(["Keep it", "Replace the key", "Sign in again with the browser"]);
    expect(decision?.initialValue).toBe("keep");
    expect(storedKey()).toBe("sk-new-key-9876543210");
  });

  it("'Keep it' reuses the stored key without asking for one", async () => {
    storeOldKey();
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "select", value: "keep" },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Default model" },
      { kind: "select", value: "__none__", expectMessage: /^Fallback when Kilo Gateway credits run out/ },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    expect(prompter.asked.some((prompt) => prompt.kind === "text")).toBe(false);
    expect(storedKey()).toBe(OLD_KEY);
  });

  it("a key flag replaces the stored key without asking", async () => {
    storeOldKey();
    const prompter = createScriptedPrompter([]);
    await runOnboardingWizard({ acceptRisk: true, authChoice: "kilocode-api-key", kilocodeApiKey: "sk-flag-key-5555555555" }, createCapturingRuntime(), prompter, {
      env: env(),
    });
    expect(prompter.asked.some((prompt) => prompt.message.includes("already has a key"))).toBe(false);
    expect(storedKey()).toBe("sk-flag-key-5555555555");
  });

  it("asks before replacing a custom base URL, and keeps it on No", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, JSON.stringify({ models: { providers: { kilocode: { baseUrl: "http://127.0.0.1:9/custom-kilo/", models: [] } } } }));
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x-1234567890" },
      { kind: "confirm", value: false, expectMessage: `Replace the custom base URL http://127.0.0.1:9/custom-kilo/ with ${gateway().baseUrl}?` },
      { kind: "select", value: "kilocode/anthropic/claude-opus-4.6", expectMessage: "Default model" },
      { kind: "select", value: "__none__", expectMessage: /^Fallback when Kilo Gateway credits run out/ },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: { ...env(), KILOCODE_API_BASE_URL: gateway().baseUrl } });
    expect(readConfig().models.providers.kilocode.baseUrl).toBe("http://127.0.0.1:9/custom-kilo/");
  });

  it("says which default model was set after the picker, with the model picked", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode" },
      { kind: "select", value: "kilocode-api-key" },
      { kind: "text", value: "sk-x-1234567890" },
      { kind: "select", value: "__manual__", expectMessage: "Default model" },
      { kind: "text", value: "kilocode/z-ai/glm-5:free" },
    ]);
    await runOnboardingWizard({ acceptRisk: true }, createCapturingRuntime(), prompter, { env: env() });
    const picker = prompter.asked.findIndex((prompt) => prompt.message === "Default model");
    const notes = prompter.asked.flatMap((prompt, index) => (prompt.title === "Model configured" ? [{ index, message: prompt.message }] : []));
    expect(notes).toEqual([{ index: expect.any(Number), message: "Default model set to kilocode/z-ai/glm-5:free" }]);
    expect(notes[0]!.index).toBeGreaterThan(picker);
  });
});

