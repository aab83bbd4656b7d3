/** `openclaw agent` failure paths end to end: the built CLI against a scripted fake gateway on 127.0.0.1. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useGatewayAndState } from "./helpers/e2e-setup.js";
import { runCli } from "./helpers/run-cli.js";

const KEY = "sk-kilo-e2e-secret-0123456789";
const { gateway, state } = useGatewayAndState({ beforeAll, afterAll, beforeEach, afterEach });

/** Default retry count with 1 ms backoff, so the error-path tests stay fast. */
const FAST = { OPENCLAW_RETRY_BASE_MS: "1" };

function writeConfig(config: unknown): void {
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(state().configPath, typeof config === "string" ? config : JSON.stringify(config, null, 2));
}

async function onboardKilo(): Promise<void> {
  const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env });
  expect(result.code, result.stderr).toBe(0);
  const config = JSON.parse(readFileSync(state().configPath, "utf8"));
  config.models.providers.kilocode.baseUrl = gateway().baseUrl;
  writeConfig(config);
}

function expectNoKey(result: { stdout: string; stderr: string }): void {
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
}

describe("gateway errors", () => {
  beforeEach(async () => {
    await onboardKilo();
  });

  it("401: says the key was rejected and how to re-onboard", async () => {
    gateway().respondWith({ kind: "status", status: 401, body: { error: { message: "invalid key" } } });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway rejected the API key (401)");
    expect(result.stderr).toContain("Hint: Replace the key: openclaw onboard --non-interactive --auth-choice kilocode-api-key --kilocode-api-key <new key>");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectNoKey(result);
  });

  it("403 under an organisation: names it and the model, and points at what it allows", async () => {
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.models.providers.kilocode.organizationId = "org_7";
    writeConfig(config);
    gateway().respondWith({ kind: "status", status: 403, body: { error: { message: "Model not allowed for this organization", code: 403 } } });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway: organisation org_7 does not allow kilocode/anthropic/claude-opus-4.6 (403)");
    expect(result.stderr).toContain("openclaw models list --provider kilocode --all");
    expect(gateway().chatRequests()[0]?.headers["x-kilocode-organizationid"]).toBe("org_7");
    expectNoKey(result);
  });

  it("402: shows the gateway's message and the buy-credits URL", async () => {
    gateway().respondWith({
      kind: "status",
      status: 402,
      body: { error: { message: "Insufficient credits", metadata: { buyCreditsUrl: "https://app.kilo.ai/profile?buy=1" } } },
    });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Out of credits (402): Insufficient credits");
    expect(result.stderr).toContain("https://app.kilo.ai/profile?buy=1");
    expect(result.stderr).not.toContain("Details:");
    expectNoKey(result);
  });

  it("a gateway that echoes the key never gets it printed, even with --verbose", async () => {
    gateway().respondWith({ kind: "status", status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } });
    const result = await runCli(["agent", "--verbose", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Details:");
    expect(result.stderr).toContain("Incorrect API key provided: ***");
    expectNoKey(result);
  });

  it("--verbose adds what the gateway actually said", async () => {
    gateway().respondWith({ kind: "status", status: 402, body: { error: { message: "Insufficient credits", code: "KILO_402_X" } } });
    const result = await runCli(["agent", "--verbose", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Details: HTTP 402:");
    expect(result.stderr).toContain("KILO_402_X");
    expectNoKey(result);
  });

  it("404: names the model and how to list models", async () => {
    gateway().respondWith({ kind: "status", status: 404, body: { error: { message: "model not found" } } });
    const result = await runCli(["agent", "--model", "kilocode/nope/nope", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Model not found (404): kilocode/nope/nope");
    expect(result.stderr).toContain("openclaw models list --provider kilocode");
  });

  it("429: retries honouring Retry-After, then succeeds", async () => {
    gateway().respondWith({ kind: "status", status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": "0" } });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code, result.stderr).toBe(0);
    expect(gateway().chatRequests()).toHaveLength(2);
  });

  it("429: gives up after bounded retries with a plain message", async () => {
    const limited = { kind: "status" as const, status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": "0" } };
    gateway().respondWith(limited, limited, limited);
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Rate limited (429)");
    expect(gateway().chatRequests()).toHaveLength(3);
  });

  it("429: does not wait when Retry-After exceeds the cap, and says how long the gateway asked", async () => {
    gateway().respondWith({ kind: "status", status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": "3600" } });
    const started = Date.now();
    const result = await runCli(["agent", "--message", "x"], { env: state().env });
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stderr).toContain("Error: Kilo Gateway asks to retry in 60 minutes (429: slow down).");
    expect(gateway().chatRequests()).toHaveLength(1);
  });

  it("5xx: retries, then reports a server error", async () => {
    const failing = { kind: "status" as const, status: 503, body: { error: { message: "overloaded" } } };
    gateway().respondWith(failing, failing, failing);
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway had a server error (503): overloaded.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(gateway().chatRequests()).toHaveLength(3);
  });

  it("5xx then success: the retried reply is printed once", async () => {
    gateway().respondWith({ kind: "status", status: 500, body: "oops" });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("Hello from the fake gateway.\n");
    expect(gateway().chatRequests()).toHaveLength(2);
  });

  it("connection refused: names the base URL", async () => {
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.models.providers.kilocode.baseUrl = "http://127.0.0.1:9/api/gateway/";
    writeConfig(config);
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Could not reach http://127.0.0.1:9/api/gateway/");
    expectNoKey(result);
  });

  it("a stalled gateway times out with --timeout", async () => {
    gateway().respondWith({ kind: "stall" });
    const result = await runCli(["agent", "--timeout", "1", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: Timed out waiting for ${gateway().baseUrl}.`);
    expect(gateway().chatRequests()).toHaveLength(1);
  });

  it("an error event in the middle of the stream is reported", async () => {
    gateway().respondWith({ kind: "error-event", message: "upstream exploded" });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("Hello from the fake gateway.\n");
    expect(result.stderr).toContain("Error: Kilo Gateway returned an error: upstream exploded.");
    // Text was already printed: retrying would print the reply twice.
    expect(gateway().chatRequests()).toHaveLength(1);
    expectNoKey(result);
  });

  it("a dropped connection mid-stream is reported", async () => {
    gateway().respondWith({ kind: "drop-mid-stream" });
    const result = await runCli(["agent", "--message", "x"], { env: { ...state().env, ...FAST } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: The connection to ${gateway().baseUrl} dropped in the middle of the reply.`);
    expect(gateway().chatRequests()).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectNoKey(result);
  });
});
