import { describe, expect, it } from "vitest";
import { OpenClawError } from "../infra/errors.js";
import { anonymousNotice, explainAnonymousFailure, resolveRunAuth } from "./anonymous-access.js";

const store = { version: 1, profiles: {} };
const base = { cfg: {}, env: {}, store };

describe("resolveRunAuth", () => {
  it("uses the key when there is one, even for a :free model", async () => {
    expect(await resolveRunAuth({ ...base, env: { KILOCODE_API_KEY: "sk-kilo-1234567890" }, provider: "kilocode", modelId: "z-ai/glm-5:free" })).toEqual({
      apiKey: "sk-kilo-1234567890",
    });
  });

  it("goes anonymous only without a key and for a model carrying the spec's suffix", async () => {
    const auth = await resolveRunAuth({ ...base, provider: "kilocode", modelId: "z-ai/glm-5:free" });
    expect(auth.anonymous).toMatchObject({ label: "Kilo Gateway", limit: "200 requests per hour per IP address" });
    await expect(resolveRunAuth({ ...base, provider: "kilocode", modelId: "anthropic/claude-opus-4.6" })).rejects.toMatchObject({ code: "NO_API_KEY" });
    await expect(resolveRunAuth({ ...base, provider: "openrouter", modelId: "x/y:free" })).rejects.toMatchObject({ code: "NO_API_KEY" });
  });
});

describe("anonymous failures", () => {
  const access = { label: "Kilo Gateway", limit: "200 requests per hour per IP address", signIn: "sign in with `x`" };
  const generic = new OpenClawError("GATEWAY_RATE_LIMITED", "Rate limited (429)");

  it("names the anonymous limit on 429 and asks for a key on 401; other errors pass through", () => {
    expect(explainAnonymousFailure(generic, 429, access)).toMatchObject({ code: "ANONYMOUS_LIMIT", hint: "Wait a while, or sign in with `x`." });
    expect(explainAnonymousFailure(generic, 401, access)).toMatchObject({ code: "NO_API_KEY", hint: "Sign in with `x`." });
    expect(explainAnonymousFailure(generic, 503, access)).toBe(generic);
  });

  it("the notice carries the limit and the way out", () => {
    expect(anonymousNotice(access)).toBe(
      "Kilo Gateway: no API key found, using the anonymous free tier (limit: 200 requests per hour per IP address); sign in with `x` to lift it.",
    );
  });
});
