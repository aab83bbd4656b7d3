import { describe, expect, it } from "vitest";
import { sharedModelCost } from "./model-cost-pool.js";

describe("sharedModelCost", () => {
  it("gives one frozen object per set of prices, with those prices", () => {
    const first = sharedModelCost(3, 15, 0.3, 3.75);
    expect(first).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(Object.keys(first)).toEqual(["input", "output", "cacheRead", "cacheWrite"]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(sharedModelCost(3, 15, 0.3, 3.75)).toBe(first);
    expect(() => {
      "use strict";
      (first as { input: number }).input = 1;
    }).toThrow(TypeError);
  });

  it("keeps sets that differ in any one price apart", () => {
    const base = sharedModelCost(1, 2, 3, 4);
    const variants = [sharedModelCost(9, 2, 3, 4), sharedModelCost(1, 9, 3, 4), sharedModelCost(1, 2, 9, 4), sharedModelCost(1, 2, 3, 9)];
    for (const variant of variants) expect(variant).not.toBe(base);
    expect(variants.map((cost) => [cost.input, cost.output, cost.cacheRead, cost.cacheWrite])).toEqual([
      [9, 2, 3, 4],
      [1, 9, 3, 4],
      [1, 2, 9, 4],
      [1, 2, 3, 9],
    ]);
  });

  it("stays right past its bound: 10 000 different sets each come back with their own prices", () => {
    const costs = Array.from({ length: 10_000 }, (_, index) => sharedModelCost(index, index / 2, 0, 1));
    costs.forEach((cost, index) => expect(cost).toEqual({ input: index, output: index / 2, cacheRead: 0, cacheWrite: 1 }));
    // The latest sets are still pooled.
    expect(sharedModelCost(9_999, 9_999 / 2, 0, 1)).toBe(costs[9_999]);
  });
});
