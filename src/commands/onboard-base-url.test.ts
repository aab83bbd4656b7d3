import { describe, expect, it } from "vitest";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { describeBaseUrlChange, resolveOnboardBaseUrl } from "./onboard-base-url.js";

const kilo = requireApiKeyProvider("kilocode");
const withBaseUrl = (baseUrl: string) => ({ models: { providers: { kilocode: { baseUrl, models: [] } } } });

describe("resolveOnboardBaseUrl", () => {
  it("writes the env override when it is set, else the built-in URL", () => {
    expect(resolveOnboardBaseUrl(kilo, {}, {})).toEqual({ baseUrl: "https://api.kilo.ai/api/gateway/" });
    expect(resolveOnboardBaseUrl(kilo, {}, { KILOCODE_API_BASE_URL: " http://127.0.0.1:9/api/gateway/ " })).toEqual({ baseUrl: "http://127.0.0.1:9/api/gateway/" });
  });

  it("reports replacing a different URL, ignoring a trailing slash", () => {
    expect(resolveOnboardBaseUrl(kilo, withBaseUrl("https://api.kilo.ai/api/gateway"), {}).change).toBeUndefined();
    const { change } = resolveOnboardBaseUrl(kilo, withBaseUrl("https://proxy.example.test/kilo/"), {});
    expect(change).toEqual({ configKey: "models.providers.kilocode.baseUrl", previous: "https://proxy.example.test/kilo/", next: "https://api.kilo.ai/api/gateway/" });
    expect(describeBaseUrlChange(kilo, change!)).toBe(
      "Note: models.providers.kilocode.baseUrl changed from https://proxy.example.test/kilo/ to https://api.kilo.ai/api/gateway/. To keep a custom URL, set KILOCODE_API_BASE_URL when onboarding.",
    );
  });

  it("never reports a change for providers that write no block", () => {
    expect(resolveOnboardBaseUrl(requireApiKeyProvider("openai"), { models: { providers: { openai: { baseUrl: "http://x/", models: [] } } } }, {}).change).toBeUndefined();
  });
});
