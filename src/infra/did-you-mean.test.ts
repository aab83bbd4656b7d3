import { describe, expect, it } from "vitest";
import { didYouMean } from "./did-you-mean.js";

describe("didYouMean", () => {
  const choices = ["apiKey", "openai-api-key", "openrouter-api-key", "kilocode-api-key", "kilocode-device", "skip"];

  it("completes a prefix to the first candidate in the caller's order", () => {
    expect(didYouMean("kilocode", choices)).toBe("kilocode-api-key");
    expect(didYouMean("open", choices)).toBe("openai-api-key");
  });

  it("corrects a small typo, and stays silent when nothing is close", () => {
    expect(didYouMean("lst", ["list", "status", "set"])).toBe("list");
    expect(didYouMean("kilocod-api-key", choices)).toBe("kilocode-api-key");
    expect(didYouMean("banana", choices)).toBeUndefined();
    expect(didYouMean("  ", choices)).toBeUndefined();
  });
});
