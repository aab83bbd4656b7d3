import { describe, expect, it } from "vitest";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "./json-depth.js";

/** `levels` objects/arrays nested in each other (alternating), the innermost holding a scalar. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = level % 2 ? [0, value] : { a: "x", b: value };
  return value;
}

describe("exceedsJsonDepth", () => {
  it("counts objects and arrays alike, exactly at the limit", () => {
    expect(exceedsJsonDepth(nested(3))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it("finds the one deep branch among wide shallow ones", () => {
    const wide = Array.from({ length: 1000 }, (_, index) => ({ id: index, tags: ["a"] }));
    expect(exceedsJsonDepth({ wide, deep: nested(MAX_JSON_DEPTH - 1) })).toBe(false);
    expect(exceedsJsonDepth({ wide, deep: nested(MAX_JSON_DEPTH) })).toBe(true);
  });

  it("treats scalars as depth 0 and survives absurd depth without overflowing", () => {
    expect(exceedsJsonDepth("text")).toBe(false);
    expect(exceedsJsonDepth(null)).toBe(false);
    expect(exceedsJsonDepth({})).toBe(false);
    expect(exceedsJsonDepth(nested(200_000))).toBe(true);
  });
});
