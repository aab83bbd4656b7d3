import { describe, expect, it } from "vitest";
import { inferAuthChoiceFromFlags, ONBOARD_PROVIDER_AUTH_FLAGS } from "./onboard-provider-auth-flags.js";

describe("ONBOARD_PROVIDER_AUTH_FLAGS", () => {
  it("has the kilocode entry right after openrouter", () => {
    const ids = ONBOARD_PROVIDER_AUTH_FLAGS.map((flag) => flag.optionKey);
    expect(ids).toEqual(["anthropicApiKey", "openaiApiKey", "openrouterApiKey", "kilocodeApiKey"]);
    expect(ONBOARD_PROVIDER_AUTH_FLAGS[3]).toEqual({
      optionKey: "kilocodeApiKey",
      authChoice: "kilocode-api-key",
      cliFlag: "--kilocode-api-key",
      cliOption: "--kilocode-api-key <key>",
      description: "Kilo Gateway API key",
    });
  });

  it("infers the choice from a single non-empty flag, and none from several", () => {
    expect(inferAuthChoiceFromFlags({ kilocodeApiKey: "k" }).choice).toBe("kilocode-api-key");
    expect(inferAuthChoiceFromFlags({ kilocodeApiKey: " " }).choice).toBeUndefined();
    const both = inferAuthChoiceFromFlags({ kilocodeApiKey: "k", openrouterApiKey: "o" });
    expect(both.choice).toBeUndefined();
    expect(both.matches.map((flag) => flag.cliFlag)).toEqual(["--openrouter-api-key", "--kilocode-api-key"]);
  });
});
