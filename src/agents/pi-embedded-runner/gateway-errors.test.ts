import { describe, expect, it } from "vitest";
import { mapGatewayFailure, redactSecret, retryLaterError } from "./gateway-errors.js";

const base = { provider: "kilocode", label: "Kilo Gateway", modelId: "anthropic/claude-opus-4.6", baseUrl: "https://api.kilo.ai/api/gateway/" };

describe("mapGatewayFailure", () => {
  it("401 says the key was rejected and how to re-onboard", () => {
    const err = mapGatewayFailure({ ...base, failure: { status: 401, body: "{}" } });
    expect(err.code).toBe("GATEWAY_AUTH");
    expect(err.message).toBe("Kilo Gateway rejected the API key (401).");
    expect(err.hint).toBe(
      'Replace the key: openclaw onboard --non-interactive --auth-choice kilocode-api-key --kilocode-api-key <new key> (or run openclaw onboard and choose "Replace the key").',
    );
  });

  it("402 shows the message and a buy-credits URL from the body (field or text)", () => {
    const fromField = mapGatewayFailure({ ...base, failure: { status: 402, body: JSON.stringify({ error: { message: "Low balance", buy_credits_url: "https://kilo.ai/credits" } }) } });
    expect(fromField.message).toBe("Out of credits (402): Low balance.");
    expect(fromField.hint).toBe("Buy credits at https://kilo.ai/credits");
    const fromText = mapGatewayFailure({ ...base, failure: { status: 402, body: "Top up at https://app.kilo.ai/topup now" } });
    expect(fromText.hint).toBe("Buy credits at https://app.kilo.ai/topup");
    const kiloBody = { error: { message: "Insufficient credits. Add more at https://app.kilo.ai/credits.", code: 402, metadata: { buyCreditsUrl: "https://app.kilo.ai/credits" } } };
    const kilo = mapGatewayFailure({ ...base, failure: { status: 402, body: JSON.stringify(kiloBody) } });
    expect(kilo.message).toBe("Out of credits (402): Insufficient credits. Add more.");
    expect(`${kilo.message}\n${kilo.hint}`.split("https://app.kilo.ai/credits")).toHaveLength(2);
    expect(kilo.hint).toBe("Buy credits at https://app.kilo.ai/credits");
  });

  it("an unreachable gateway names the provider's own baseUrl key and when the env override applies", () => {
    const err = mapGatewayFailure({ ...base, errorMessage: "Connection error. ECONNREFUSED" });
    expect(err.code).toBe("GATEWAY_UNREACHABLE");
    expect(err.hint).toBe("Check your network and proxy, and models.providers.kilocode.baseUrl in openclaw.json (KILOCODE_API_BASE_URL applies only when the config sets no baseUrl).");
  });

  it("402 links only to a page on the provider's own domain, else to its default credits page", () => {
    for (const foreign of ["https://kilo.ai.evil.example/pay", "http://app.kilo.ai/pay", "https://evil.example/?kilo.ai", "javascript:alert(1)"]) {
      const err = mapGatewayFailure({ ...base, failure: { status: 402, body: JSON.stringify({ error: { message: "Low", buyCreditsUrl: foreign } }) } });
      expect(err.hint).toBe("Buy credits at https://app.kilo.ai/profile");
    }
    // A provider without a credits page gets plain advice instead of a link.
    const other = mapGatewayFailure({ ...base, provider: "custom", label: "Custom", failure: { status: 402, body: "pay at https://evil.example/" } });
    expect(other.hint).toBe("Top up your Custom balance, then retry.");
  });

  it("404, 429 and 5xx have their own plain messages", () => {
    expect(mapGatewayFailure({ ...base, failure: { status: 404, body: "" } }).message).toBe("Model not found (404): kilocode/anthropic/claude-opus-4.6.");
    const limited = mapGatewayFailure({ ...base, failure: { status: 429, body: '{"error":{"message":"slow"}}', retryAfter: "30" } });
    expect(limited.message).toBe("Rate limited (429) by Kilo Gateway: slow.");
    expect(limited.hint).toContain("30s");
    expect(mapGatewayFailure({ ...base, failure: { status: 502, body: "" } }).code).toBe("GATEWAY_SERVER_ERROR");
  });

  it("falls back to the transport's text: status prefix, timeouts, unreachable, dropped", () => {
    expect(mapGatewayFailure({ ...base, errorMessage: "401 status code (no body)" }).code).toBe("GATEWAY_AUTH");
    expect(mapGatewayFailure({ ...base, errorMessage: "Request timed out." }).message).toBe("Timed out waiting for https://api.kilo.ai/api/gateway/.");
    expect(mapGatewayFailure({ ...base, errorMessage: "Connection error." }).message).toBe("Could not reach https://api.kilo.ai/api/gateway/.");
    expect(mapGatewayFailure({ ...base, errorMessage: "terminated" }).code).toBe("GATEWAY_DROPPED");
    expect(mapGatewayFailure({ ...base, errorMessage: "weird\nstack" }).message).toBe("Kilo Gateway returned an error: weird.");
  });

  it("never shows the API key, even when the gateway echoes it", () => {
    const secret = "sk-kilo-echoed-secret-42";
    const err = mapGatewayFailure({
      ...base,
      secret,
      failure: { status: 401, body: JSON.stringify({ error: { message: `Invalid key ${secret}` } }) },
      errorMessage: `401 Invalid key ${secret}`,
    });
    const shown = [err.message, err.hint, (err.cause as Error).message].join("\n");
    expect(shown).toContain("Invalid key ***");
    expect(shown).not.toContain(secret);
    expect(redactSecret("abc", "")).toBe("abc");
  });

  it("says how long the gateway asked to wait, in minutes when long", () => {
    expect(retryLaterError({ label: "Kilo Gateway", askedMs: 100_000_000 }).message).toBe("Kilo Gateway asks to retry in 1667 minutes.");
    expect(retryLaterError({ label: "Kilo Gateway", askedMs: 45_000, failure: { status: 503, body: "busy" } }).message).toBe(
      "Kilo Gateway asks to retry in 45 seconds (503: busy).",
    );
  });

  it("a 403 under an organisation names it and points at what it allows", () => {
    const base = { provider: "kilocode", label: "Kilo Gateway", modelId: "anthropic/claude-opus-4.6", baseUrl: "https://gw/" };
    const body = JSON.stringify({ error: { message: "Model not allowed by organization policy", code: 403 } });
    const err = mapGatewayFailure({ ...base, organizationId: "org_7", failure: { status: 403, body } });
    expect(err.code).toBe("GATEWAY_ORG_FORBIDDEN");
    expect(err.message).toBe("Kilo Gateway: organisation org_7 does not allow kilocode/anthropic/claude-opus-4.6 (403): Model not allowed by organization policy.");
    expect(err.hint).toContain("openclaw models list --provider kilocode --all");
    // Without an organisation a 403 stays a rejected key.
    expect(mapGatewayFailure({ ...base, failure: { status: 403, body } }).code).toBe("GATEWAY_AUTH");
  });
});
