import { describe, expect, it } from "vitest";
import { PREFERRED_PROVIDER_BY_AUTH_CHOICE, resolvePreferredProviderForAuthChoice } from "./auth-choice.preferred-provider.js";

describe("resolvePreferredProviderForAuthChoice", () => {
  it("maps kilocode-api-key to kilocode", () => {
    expect(PREFERRED_PROVIDER_BY_AUTH_CHOICE["kilocode-api-key"]).toBe("kilocode");
    expect(resolvePreferredProviderForAuthChoice("kilocode-api-key")).toBe("kilocode");
  });

  it("maps the other API-key choices and nothing for skip", () => {
    expect(resolvePreferredProviderForAuthChoice("openrouter-api-key")).toBe("openrouter");
    expect(resolvePreferredProviderForAuthChoice("apiKey")).toBe("anthropic");
    expect(resolvePreferredProviderForAuthChoice("skip")).toBeUndefined();
  });
});
