import { describe, expect, it } from "vitest";
import { displayHint, wrapWords } from "./clack-prompter.js";

describe("displayHint", () => {
  it("never nests parentheses inside clack's own", () => {
    expect(displayHint("API key (OpenRouter-compatible)")).toBe("API key · OpenRouter-compatible");
    expect(displayHint("API key")).toBe("API key");
  });
});

describe("wrapWords", () => {
  it("breaks at spaces only, within the width", () => {
    const lines = wrapWords("Kilo catalog unavailable (connect ECONNREFUSED 127.0.0.1:9); showing configured and default models only.", 30);
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines.join(" ")).toBe("Kilo catalog unavailable (connect ECONNREFUSED 127.0.0.1:9); showing configured and default models only.");
  });

  it("keeps a word longer than the width whole, and keeps line breaks", () => {
    expect(wrapWords("a https://example.invalid/a/very/long/url b", 10)).toEqual(["a", "https://example.invalid/a/very/long/url", "b"]);
    expect(wrapWords("one\ntwo", 80)).toEqual(["one", "two"]);
  });
});
