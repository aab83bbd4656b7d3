import { describe, expect, it } from "vitest";
import { formatApiKeyPreview, normalizeApiKeyInput, validateApiKeyInput } from "./auth-choice.api-key.js";

describe("normalizeApiKeyInput", () => {
  it.each([
    ["  sk-abc  ", "sk-abc"],
    ['"sk-abc"', "sk-abc"],
    ["'sk-abc'", "sk-abc"],
    ["`sk-abc`", "sk-abc"],
    ["export KILOCODE_API_KEY=sk-abc", "sk-abc"],
    ['KILOCODE_API_KEY="sk-abc";', "sk-abc"],
    ["sk-abc;", "sk-abc"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeApiKeyInput(input)).toBe(expected);
  });

  it("validates non-empty keys", () => {
    expect(validateApiKeyInput("sk")).toBeUndefined();
    expect(validateApiKeyInput('  ""  ')).toBe("Required");
  });
});

describe("formatApiKeyPreview", () => {
  it("shows 4 + … + 4, and less for short keys", () => {
    expect(formatApiKeyPreview("sk-kilo-1234567890")).toBe("sk-k…7890");
    expect(formatApiKeyPreview("abcdefgh")).toBe("ab…gh");
    expect(formatApiKeyPreview("abc")).toBe("ab…c");
    expect(formatApiKeyPreview("ab")).toBe("ab…");
    expect(formatApiKeyPreview("   ")).toBe("…");
  });
});

describe("a key with spaces inside", () => {
  it("is refused by the prompt's validation, while pasted wrappers are still cleaned", () => {
    expect(validateApiKeyInput("sk-abc def")).toMatch(/has no spaces/);
    expect(validateApiKeyInput("sk-abc\ndef")).toMatch(/has no spaces/);
    expect(validateApiKeyInput('  export KILOCODE_API_KEY="sk-abc";  ')).toBeUndefined();
    expect(validateApiKeyInput("   ")).toBe("Required");
  });
});

