/** Keyless `:free` models: no Kilo key anywhere, the request goes out without Authorization. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
let gateway: FakeGateway;
const state = useTempState({ beforeEach, afterEach });

/** No config file and no key: only the base URL override points Kilo at the fake gateway. */
const env = (extra: Record<string, string> = {}) => ({
  ...state().env,
  KILOCODE_API_BASE_URL: gateway.baseUrl,
  OPENCLAW_RETRY_BASE_MS: "1",
  OPENCLAW_MAX_RETRIES: "0",
  // A key for another provider must never be sent in its place.
  OPENAI_API_KEY: "sk-openai-must-not-leak-0123",
  ...extra,
});

beforeEach(() => {
  gateway = fakeGateway();
});

describe("keyless free models", () => {
  it("sends a :free request with no Authorization header and says so once on stderr", async () => {
    const result = await runCli(["agent", "--model", "kilocode/z-ai/glm-5:free", "--message", "hi"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("Hello from the fake gateway.\n");
    const [request] = gateway.chatRequests();
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(request?.headers)).not.toContain("sk-openai");
    expect((request?.body as { model: string }).model).toBe("z-ai/glm-5:free");
    expect(request?.headers["x-kilocode-feature"]).toBe("openclaw");
    const notices = result.stderr.split("\n").filter((line) => line.includes("anonymous free tier"));
    expect(notices).toEqual([
      "Kilo Gateway: no API key found, using the anonymous free tier (limit: 200 requests per hour per IP address); sign in with `openclaw onboard --auth-choice kilocode-device` or set KILOCODE_API_KEY to lift it.",
    ]);
  });

  it("a 429 in that mode says it is the anonymous limit", async () => {
    gateway.respondWith({ kind: "status", status: 429, body: { error: { message: "Rate limit exceeded" } } });
    const result = await runCli(["agent", "--model", "kilocode/z-ai/glm-5:free", "--message", "hi"], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Error: Kilo Gateway: the anonymous free tier's limit is reached (200 requests per hour per IP address).");
    expect(result.stderr).toContain("openclaw onboard --auth-choice kilocode-device");
  });

  it("a paid model without a key still fails before any request", async () => {
    const result = await runCli(["agent", "--model", "kilocode/anthropic/claude-opus-4.6", "--message", "hi"], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No API key found for provider "kilocode"');
    expect(gateway.chatRequests()).toHaveLength(0);
  });

  it("with a key, :free models use it and nothing is said about the anonymous tier", async () => {
    const result = await runCli(["agent", "--model", "kilocode/z-ai/glm-5:free", "--message", "hi"], { env: env({ KILOCODE_API_KEY: "sk-kilo-keyless-0123456789" }) });
    expect(result.code, result.stderr).toBe(0);
    expect(gateway.chatRequests()[0]?.headers.authorization).toBe("Bearer sk-kilo-keyless-0123456789");
    expect(result.stderr).not.toContain("anonymous");
  });

  it("models status shows Kilo usable for :free models without a key", async () => {
    const result = await runCli(["models", "status", "--json"], { env: env() });
    const kilo = JSON.parse(result.stdout).providers.find((row: { provider: string }) => row.provider === "kilocode");
    expect(kilo).toMatchObject({ usable: false, keyless: { modelSuffix: ":free", limit: "200 requests per hour per IP address" } });
    expect((await runCli(["models", "status"], { env: env() })).stdout).toMatch(/kilocode\s+usable for \*:free models without a key/);
  });
});
