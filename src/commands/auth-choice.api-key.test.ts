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
  it("shows 4 + … + 4 on keys of 32 characters or more", () => {
    expect(formatApiKeyPreview("sk-kilo-0123456789abcdef01234567")).toBe("sk-k…4567");
    expect(formatApiKeyPreview("sk-or-v1-" + "a".repeat(55) + "wxyz")).toBe("sk-o…wxyz");
  });

  it("never shows more than a quarter of a shorter key", () => {
    for (const key of ["sk-kilo-1234567890", "sk-kilo-models-0123456789", "abcdefgh", "abc", "ab", "a".repeat(31)]) {
      const shown = formatApiKeyPreview(key).replace("…", "").length;
      expect(shown, key).toBeLessThanOrEqual(key.length / 4);
    }
    expect(formatApiKeyPreview("sk-kilo-1234567890")).toBe("sk…90");
    expect(formatApiKeyPreview("abcdefgh")).toBe("a…h");
    expect(formatApiKeyPreview("abc")).toBe("…");
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

