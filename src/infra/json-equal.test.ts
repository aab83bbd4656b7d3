import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { jsonEqual } from "./json-equal.js";

const model = {
  id: "anthropic/claude-opus-4.6",
  name: "Claude Opus 4.6",
  reasoning: true,
  input: ["text", "image"],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 1_000_000,
  maxTokens: 128_000,
};

describe("jsonEqual", () => {
  const cases: [string, unknown, unknown][] = [
    ["the same model, parsed back from JSON", model, JSON.parse(JSON.stringify(model))],
    ["keys in another order", { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }],
    ["a changed nested number", model, { ...model, cost: { ...model.cost, input: 3 } }],
    ["an extra key", model, { ...model, api: "openai-completions" }],
    ["a missing key", { a: 1, b: 2 }, { a: 1 }],
    ["a key set to undefined against no key", { a: 1, b: undefined }, { a: 1, c: undefined }],
    ["undefined against a missing key, same count", { a: undefined }, { b: undefined }],
    ["arrays of another length", ["text"], ["text", "image"]],
    ["arrays in another order", ["text", "image"], ["image", "text"]],
    ["an array against an object with index keys", ["a"], { 0: "a" }],
    ["an object against null", { a: 1 }, null],
    ["a number against its string", 1, "1"],
    ["NaN against NaN", Number.NaN, Number.NaN],
    ["0 against -0", 0, -0],
    ["empty objects", {}, {}],
    ["empty array against empty object", [], {}],
    ["an object without prototype against a plain one", Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
  ];
  it.each(cases)("answers as util.isDeepStrictEqual for %s", (_name, a, b) => {
    expect(jsonEqual(a, b)).toBe(isDeepStrictEqual(a, b));
    expect(jsonEqual(b, a)).toBe(isDeepStrictEqual(b, a));
  });

  it("tells equal from unequal (so the comparison above is not vacuous)", () => {
    expect(jsonEqual(model, JSON.parse(JSON.stringify(model)))).toBe(true);
    expect(jsonEqual(model, { ...model, name: "Renamed" })).toBe(false);
  });
});
