/**
 * `openclaw models status --probe` against the fake gateway: Kilo's account (email, organisation,
 * balance), another provider's `GET models` with its key, a rejected key with its fix, and --json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_EMAIL } from "./helpers/fake-account.js";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const tempState = useTempState({ beforeEach, afterEach });

const KILO_KEY = "sk-kilo-probe-0123456789";
const OPENAI_KEY = "sk-openai-probe-0123456789";

/** Kilo (with an organisation) and OpenAI both pointed at the local gateway, keys in the store. */
function writeState(options: { organizationId?: string } = {}): void {
  mkdirSync(tempState().agentDir, { recursive: true });
  writeFileSync(
    tempState().configPath,
    JSON.stringify({
      models: {
        providers: {
          kilocode: { baseUrl: gateway().baseUrl, api: "openai-completions", models: [], ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
          openai: { baseUrl: gateway().baseUrl, api: "openai-completions", models: [] },
        },
      },
      agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6" } } },
    }),
  );
  writeFileSync(
    tempState().authStorePath,
    JSON.stringify({
      version: 1,
      profiles: {
        "kilocode:default": { type: "api_key", provider: "kilocode", key: KILO_KEY },
        "openai:default": { type: "api_key", provider: "openai", key: OPENAI_KEY },
      },
    }),
  );
}

describe("models status --probe", () => {
  it("shows Kilo's email, organisation and balance, and OpenAI's model count, with no key printed", async () => {
    writeState({ organizationId: "org_1" });
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: [{ id: "org_1", name: "Acme" }] });
    gateway().account.setBalance(12.345);
    gateway().setModelsPayload({ data: [{ id: "a" }, { id: "b" }] });
    const result = await runCli(["models", "status", "--probe"], { env: tempState().env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/kilocode\s+ok\s+ada@example\.test · organisation Acme \(org_1\) · balance \$12\.35/);
    expect(result.stdout).toMatch(/openai\s+ok\s+key accepted, 2 models/);
    expect(result.stdout).not.toContain(KILO_KEY);
    const profile = gateway().requests.find((request) => request.path === "/api/profile");
    expect(profile?.headers.authorization).toBe(`Bearer ${KILO_KEY}`);
    expect(profile?.headers["x-kilocode-organizationid"]).toBe("org_1");
    expect(gateway().requests.find((request) => request.path === "/api/profile/balance")).toBeDefined();
    expect(gateway().requests.find((request) => request.path === "/api/gateway/models")?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
  });

  it("--json carries the probe results next to the status", async () => {
    writeState();
    gateway().setModelsPayload({ data: [] });
    const result = await runCli(["models", "status", "--probe", "--json"], { env: tempState().env });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.defaultModel).toBe("kilocode/anthropic/claude-opus-4.6");
    const kilo = json.probe.find((probe: { provider: string }) => probe.provider === "kilocode");
    expect(kilo).toMatchObject({ status: "ok", account: { email: FAKE_ACCOUNT_EMAIL, organization: null, balanceUsd: 12.34, balance: "$12.34" } });
    expect(typeof kilo.latencyMs).toBe("number");
    expect(json.probe.find((probe: { provider: string }) => probe.provider === "openai")).toMatchObject({ status: "ok", models: 0 });
  });

  it("a rejected key says so with the fix, and the probe exits 1", async () => {
    writeState();
    gateway().account.setProfile({ error: "bad key" }, 401);
    gateway().setModelsPayload({ error: { message: "invalid key" } }, 401);
    const result = await runCli(["models", "status", "--probe"], { env: tempState().env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/kilocode\s+rejected\s+Kilo Gateway rejected the key \(401\)/);
    expect(result.stdout).toContain("Fix: Sign in again: openclaw onboard --auth-choice kilocode-device");
    expect(result.stdout).toMatch(/openai\s+rejected\s+OpenAI rejected the key \(401\)/);
    expect(result.stdout).toContain("Fix: Store a new key: openclaw onboard --auth-choice openai-api-key");
  });

  it("a gateway that does not answer is an error within the timeout", async () => {
    writeState();
    gateway().setModelsPayload({ data: [] });
    gateway().account.setDelayMs(5000);
    const started = Date.now();
    const result = await runCli(["models", "status", "--probe", "--probe-timeout", "300", "--json"], { env: tempState().env });
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(4500);
    expect(JSON.parse(result.stdout).probe.find((probe: { provider: string }) => probe.provider === "kilocode")).toMatchObject({ status: "error" });
  });

  it("without --probe nothing goes to the network", async () => {
    writeState();
    const result = await runCli(["models", "status", "--json"], { env: tempState().env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).probe).toBeUndefined();
    expect(gateway().requests).toHaveLength(0);
  });
});
