import { describe, expect, expectTypeOf, it } from "vitest";
import { ALL_AUTH_CHOICES } from "./auth-choice-options.js";
import { ONBOARD_PROVIDER_AUTH_FLAGS } from "./onboard-provider-auth-flags.js";
import type { AuthChoice, AuthChoiceGroupId, OnboardOptions } from "./onboard-types.js";

describe("onboarding types", () => {
  it("include the kilocode auth choice, group and option (checked by the type checker too)", () => {
    expectTypeOf<"kilocode-api-key">().toExtend<AuthChoice>();
    expectTypeOf<"kilocode">().toExtend<AuthChoiceGroupId>();
    expectTypeOf<OnboardOptions["kilocodeApiKey"]>().toEqualTypeOf<string | undefined>();
    const opts: OnboardOptions = { kilocodeApiKey: "sk" };
    expect(opts.kilocodeApiKey).toBe("sk");
  });

  it("every auth choice the CLI accepts is an AuthChoice, kilocode included", () => {
    expect(ALL_AUTH_CHOICES).toContain("kilocode-api-key");
    expect(ONBOARD_PROVIDER_AUTH_FLAGS.find((flag) => flag.optionKey === "kilocodeApiKey")?.authChoice).toBe("kilocode-api-key");
  });
});
