import { describe, expect, it } from "vitest";
import { AUTH_CHOICE_GROUP_DEFS, buildAuthChoiceGroups, buildAuthChoiceOptions, formatAuthChoiceChoicesForCli, isAuthChoice } from "./auth-choice-options.js";

describe("auth choice menu", () => {
  it("has the Kilo Gateway group right after OpenRouter, with the design's label and hint", () => {
    const values = AUTH_CHOICE_GROUP_DEFS.map((group) => group.value);
    expect(values.indexOf("kilocode")).toBe(values.indexOf("openrouter") + 1);
    expect(AUTH_CHOICE_GROUP_DEFS.find((group) => group.value === "kilocode")).toEqual({
      value: "kilocode",
      label: "Kilo Gateway",
      hint: "API key (OpenRouter-compatible)",
      choices: ["kilocode-api-key", "kilocode-device"],
    });
  });

  it("has the kilocode-api-key option right after openrouter-api-key", () => {
    const options = buildAuthChoiceOptions({ includeSkip: false });
    const index = options.findIndex((option) => option.value === "kilocode-api-key");
    expect(options[index - 1]?.value).toBe("openrouter-api-key");
    expect(options[index]).toEqual({ value: "kilocode-api-key", label: "Kilo Gateway API key", hint: "OpenRouter-compatible gateway" });
    expect(options.some((option) => option.value === "skip")).toBe(false);
    expect(buildAuthChoiceOptions({ includeSkip: true }).at(-1)).toEqual({ value: "skip", label: "Skip for now" });
  });

  it("builds groups with their options and an optional skip", () => {
    const { groups, skipOption } = buildAuthChoiceGroups({ includeSkip: true });
    expect(groups.find((group) => group.value === "kilocode")?.options).toEqual([
      { value: "kilocode-api-key", label: "Kilo Gateway API key", hint: "OpenRouter-compatible gateway" },
      { value: "kilocode-device", label: "Sign in with browser", hint: "device code: approve in the browser, no key to copy" },
    ]);
    expect(skipOption?.value).toBe("skip");
    expect(buildAuthChoiceGroups({ includeSkip: false }).skipOption).toBeUndefined();
  });

  it("lists kilocode-api-key in the --auth-choice help", () => {
    const help = formatAuthChoiceChoicesForCli({ includeSkip: true });
    expect(help.split("|")).toContain("kilocode-api-key");
    expect(help).toMatch(/openrouter-api-key\|kilocode-api-key/);
    expect(help.endsWith("|skip")).toBe(true);
    expect(formatAuthChoiceChoicesForCli({ includeSkip: false, includeLegacyAliases: true })).toContain("setup-token");
  });

  it("recognises valid choices only", () => {
    expect(isAuthChoice("kilocode-api-key")).toBe(true);
    expect(isAuthChoice("kilocode-device")).toBe(true);
    expect(isAuthChoice("skip")).toBe(true);
    expect(isAuthChoice("kilo")).toBe(false);
    expect(isAuthChoice(undefined)).toBe(false);
  });
});
