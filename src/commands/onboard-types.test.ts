import { describe, expect, it } from "vitest";
import { ACCOUNT_PROVIDERS } from "../providers/account-spec.js";
import { API_KEY_PROVIDERS } from "../providers/api-key-providers.js";
import { ALL_AUTH_CHOICES, AUTH_CHOICE_GROUP_DEFS, formatAuthChoiceChoicesForCli, isAuthChoice } from "./auth-choice-options.js";
import { inferAuthChoiceFromFlags, ONBOARD_PROVIDER_AUTH_FLAGS } from "./onboard-provider-auth-flags.js";
import type { OnboardOptions } from "./onboard-types.js";

describe("onboarding value lists derived from the provider table", () => {
  it("the auth choices are exactly the providers' key and sign-in choices, plus token and skip", () => {
    const expected = [
      ...API_KEY_PROVIDERS.map((spec) => spec.authChoice),
      ...ACCOUNT_PROVIDERS.map((account) => account.deviceAuth.authChoice),
      "token",
      "skip",
    ];
    expect([...ALL_AUTH_CHOICES].sort()).toEqual([...expected].sort());
    expect(new Set(ALL_AUTH_CHOICES).size).toBe(ALL_AUTH_CHOICES.length);
    expect(ALL_AUTH_CHOICES).toContain("kilocode-api-key");
  });

  it("the CLI accepts every listed auth choice and nothing else", () => {
    for (const choice of ALL_AUTH_CHOICES) expect(isAuthChoice(choice)).toBe(true);
    for (const other of ["", "kilocode", "KILOCODE-API-KEY", "setup-token", "oauth", " skip", undefined, 1]) {
      expect(isAuthChoice(other)).toBe(false);
    }
    expect(formatAuthChoiceChoicesForCli({ includeSkip: true }).split("|").sort()).toEqual([...ALL_AUTH_CHOICES].sort());
    expect(formatAuthChoiceChoicesForCli({ includeSkip: false }).split("|")).not.toContain("skip");
  });

  it("one picker group per provider, each offering only accepted choices", () => {
    expect(AUTH_CHOICE_GROUP_DEFS.map((group) => group.value)).toEqual(API_KEY_PROVIDERS.map((spec) => spec.id));
    for (const group of AUTH_CHOICE_GROUP_DEFS) {
      expect(group.choices.length).toBeGreaterThan(0);
      for (const choice of group.choices) expect(isAuthChoice(choice)).toBe(true);
    }
  });

  it("one --<provider>-api-key flag per provider, each inferring that provider's auth choice", () => {
    expect(ONBOARD_PROVIDER_AUTH_FLAGS.map((flag) => flag.authChoice)).toEqual(API_KEY_PROVIDERS.map((spec) => spec.authChoice));
    for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) {
      const opts = { [flag.optionKey]: "sk-test" } as OnboardOptions;
      expect(inferAuthChoiceFromFlags(opts).choice).toBe(flag.authChoice);
      expect(flag.cliOption).toBe(`${flag.cliFlag} <key>`);
    }
    expect(inferAuthChoiceFromFlags({ kilocodeApiKey: "sk" }).choice).toBe("kilocode-api-key");
  });

  it("infers nothing from blank keys or from two key flags at once", () => {
    expect(inferAuthChoiceFromFlags({ kilocodeApiKey: "   " })).toEqual({ matches: [] });
    const both = inferAuthChoiceFromFlags({ kilocodeApiKey: "sk-a", openrouterApiKey: "sk-b" });
    expect(both.choice).toBeUndefined();
    expect(both.matches.map((flag) => flag.optionKey).sort()).toEqual(["kilocodeApiKey", "openrouterApiKey"]);
  });
});
