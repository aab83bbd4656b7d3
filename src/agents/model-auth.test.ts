import { mkdirSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import { resetShellEnvAppliedKeysForTest, loadShellEnvFallback } from "../infra/shell-env.js";
import { isOpenClawError } from "../infra/errors.js";
import { envVarsForProvider, resolveApiKeyForProvider, resolveEnvApiKey } from "./model-auth.js";

const state = useTempState({ beforeEach, afterEach });
beforeEach(() => resetShellEnvAppliedKeysForTest());

function writeStore(profiles: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
  mkdirSync(state().agentDir, { recursive: true });
  writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles, ...extra }));
}

describe("resolveEnvApiKey", () => {
  it("maps kilocode to KILOCODE_API_KEY and labels the source", () => {
    expect(envVarsForProvider("kilocode")).toEqual(["KILOCODE_API_KEY"]);
    expect(resolveEnvApiKey("kilocode", { KILOCODE_API_KEY: "sk-kilo" })).toEqual({ apiKey: "sk-kilo", source: "env: KILOCODE_API_KEY", envVar: "KILOCODE_API_KEY" });
    expect(resolveEnvApiKey(" KiloCode ", { KILOCODE_API_KEY: "sk-kilo" })?.apiKey).toBe("sk-kilo");
  });

  it("normalises the value and treats blank as missing", () => {
    expect(resolveEnvApiKey("kilocode", { KILOCODE_API_KEY: " sk-kilo\r\n" })?.apiKey).toBe("sk-kilo");
    expect(resolveEnvApiKey("kilocode", { KILOCODE_API_KEY: "  " })).toBeNull();
    expect(resolveEnvApiKey("kilocode", {})).toBeNull();
  });

  it("tries anthropic's OAuth token before its API key, and knows other providers", () => {
    expect(resolveEnvApiKey("anthropic", { ANTHROPIC_API_KEY: "a", ANTHROPIC_OAUTH_TOKEN: "o" })?.source).toBe("env: ANTHROPIC_OAUTH_TOKEN");
    expect(resolveEnvApiKey("openrouter", { OPENROUTER_API_KEY: "r" })?.source).toBe("env: OPENROUTER_API_KEY");
    expect(resolveEnvApiKey("unknown-provider", { KILOCODE_API_KEY: "x" })).toBeNull();
    expect(resolveEnvApiKey("kilocode", { KILOCODE_API_KEY: "x" })?.envVar).toBe("KILOCODE_API_KEY");
  });

  it('says "shell env" when the login-shell import provided the key', () => {
    const env: Record<string, string | undefined> = { HOME: state().home };
    loadShellEnvFallback({
      enabled: true,
      env,
      expectedKeys: ["KILOCODE_API_KEY"],
      exec: () => "KILOCODE_API_KEY=sk-shell\0PATH=/bin\0",
    });
    expect(resolveEnvApiKey("kilocode", env)).toEqual({ apiKey: "sk-shell", source: "shell env: KILOCODE_API_KEY", envVar: "KILOCODE_API_KEY" });
  });
});

describe("resolveApiKeyForProvider", () => {
  it("falls through to the env for kilocode with mode api-key", async () => {
    const auth = await resolveApiKeyForProvider({ provider: "kilocode", agentDir: state().agentDir, env: { KILOCODE_API_KEY: "sk-env" } });
    expect(auth).toEqual({ apiKey: "sk-env", source: "env: KILOCODE_API_KEY", mode: "api-key" });
  });

  it("prefers a profile over the env, and the env over the config apiKey", async () => {
    const cfg = { models: { providers: { kilocode: { baseUrl: "x", apiKey: "sk-config", models: [] } } } };
    expect(await resolveApiKeyForProvider({ provider: "kilocode", cfg, agentDir: state().agentDir, env: {} })).toEqual({
      apiKey: "sk-config",
      source: "models.json",
      mode: "api-key",
    });
    expect((await resolveApiKeyForProvider({ provider: "kilocode", cfg, agentDir: state().agentDir, env: { KILOCODE_API_KEY: "sk-env" } })).source).toBe(
      "env: KILOCODE_API_KEY",
    );
    writeStore({ "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-profile" } });
    expect(await resolveApiKeyForProvider({ provider: "kilocode", cfg, agentDir: state().agentDir, env: { KILOCODE_API_KEY: "sk-env" } })).toEqual({
      apiKey: "sk-profile",
      profileId: "kilocode:default",
      source: "profile:kilocode:default",
      mode: "api-key",
    });
  });

  it("resolves a keyRef profile through the env", async () => {
    writeStore({ "kilocode:default": { type: "api_key", provider: "kilocode", keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" } } });
    const auth = await resolveApiKeyForProvider({ provider: "kilocode", agentDir: state().agentDir, env: { KILOCODE_API_KEY: "sk-ref" } });
    expect(auth).toMatchObject({ apiKey: "sk-ref", source: "profile:kilocode:default" });
  });

  it("uses an explicit profile id, or says it has no credentials", async () => {
    writeStore({ "kilocode:work": { type: "token", provider: "kilocode", token: "tok" } });
    expect(await resolveApiKeyForProvider({ provider: "kilocode", profileId: "kilocode:work", agentDir: state().agentDir, env: {} })).toMatchObject({
      apiKey: "tok",
      mode: "token",
    });
    await expect(resolveApiKeyForProvider({ provider: "kilocode", profileId: "kilocode:nope", agentDir: state().agentDir, env: {} })).rejects.toThrow(
      'No credentials found for profile "kilocode:nope".',
    );
  });

  it("throws a typed error naming the onboarding command and the env var", async () => {
    const err = await resolveApiKeyForProvider({ provider: "kilocode", agentDir: state().agentDir, env: {} }).catch((error: unknown) => error);
    expect(isOpenClawError(err) && err.code).toBe("NO_API_KEY");
    expect((err as Error).message).toBe('No API key found for provider "kilocode".');
    expect(isOpenClawError(err) && err.hint).toContain("openclaw onboard --auth-choice kilocode-api-key");
    expect(isOpenClawError(err) && err.hint).toContain("KILOCODE_API_KEY");
    expect(isOpenClawError(err) && err.hint).toContain(state().authStorePath);
  });
});
