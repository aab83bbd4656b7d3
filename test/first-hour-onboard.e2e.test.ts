/**
 * Dead end 2 of a new Kilo user: KILOCODE_API_BASE_URL must survive onboarding (the config wins over the
 * env var at run time, so onboarding writes the effective URL), and replacing a custom base URL is never
 * silent.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useGatewayAndState } from "./helpers/e2e-setup.js";
import { runCli } from "./helpers/run-cli.js";

const KEY = "sk-kilo-base-url-0123456789";
const { gateway, state } = useGatewayAndState({ beforeAll, afterAll, beforeEach, afterEach });

const readConfig = () => JSON.parse(readFileSync(state().configPath, "utf8"));

describe("KILOCODE_API_BASE_URL and onboarding", () => {
  it("onboarding writes the env override, so the agent then reaches that gateway", async () => {
    const env = { ...state().env, KILOCODE_API_BASE_URL: gateway().baseUrl };
    const onboard = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env });
    expect(onboard.code, onboard.stderr).toBe(0);
    expect(readConfig().models.providers.kilocode.baseUrl).toBe(gateway().baseUrl);
    // Without the variable now: the written config alone points at the gateway().
    const agent = await runCli(["agent", "-m", "hi"], { env: state().env });
    expect(agent.code, agent.stderr).toBe(0);
    expect(gateway().chatRequests()).toHaveLength(1);
  });

  it("re-onboarding over a custom baseUrl resets it and says so in one line", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    writeFileSync(state().configPath, JSON.stringify({ models: { providers: { kilocode: { baseUrl: "http://127.0.0.1:9/custom-kilo/", models: [] } } } }));
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "Note: models.providers.kilocode.baseUrl changed from http://127.0.0.1:9/custom-kilo/ to https://api.kilo.ai/api/gateway/. To keep a custom URL, set KILOCODE_API_BASE_URL when onboarding.",
    );
    expect(readConfig().models.providers.kilocode.baseUrl).toBe("https://api.kilo.ai/api/gateway/");
  });
});

describe("onboarding with no key at all", () => {
  it("writes the base config but says on stderr what it skipped and how to add a key", async () => {
    const result = await runCli(["onboard", "--non-interactive"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Note: no provider was set up (no key flag given). Add a key with one of --anthropic-api-key, --openai-api-key, --openrouter-api-key, --kilocode-api-key");
  });

  it("names the env key that is already set and the --auth-choice that uses it", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--json"], { env: { ...state().env, KILOCODE_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("KILOCODE_API_KEY is set: add --auth-choice kilocode-api-key to use it.");
    expect(JSON.parse(result.stdout).authChoice).toBe("skip");
    expect(result.stderr).not.toContain(KEY);
  });
});

describe("models status for a key stored as a reference", () => {
  it("names the variable to set when the profile's env var is unset", async () => {
    const onboard = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key", "--secret-input-mode", "ref"], {
      env: { ...state().env, KILOCODE_API_KEY: KEY },
    });
    expect(onboard.code, onboard.stderr).toBe(0);
    const status = await runCli(["models", "status"], { env: state().env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("Auth:          missing. Profile kilocode:default refers to KILOCODE_API_KEY, which is not set: export KILOCODE_API_KEY=<key>.");
    const json = JSON.parse((await runCli(["models", "status", "--json"], { env: state().env })).stdout);
    const kilo = json.auth.providers.find((row: { provider: string }) => row.provider === "kilocode");
    expect(kilo.profiles.labels).toEqual(["kilocode:default=missing: set KILOCODE_API_KEY"]);
  });
});

