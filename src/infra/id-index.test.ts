import { describe, expect, it } from "vitest";
import { hashId, IdIndex } from "./id-index.js";

/** Appends the items whose id is new, as a catalog sink does; returns the kept items and the repeats. */
function keepFirst(ids: string[]): { kept: string[]; repeats: number } {
  const items: { id: string }[] = [];
  const index = new IdIndex(items);
  let repeats = 0;
  for (const id of ids) {
    if (index.add(id, items.length)) items.push({ id });
    else repeats++;
  }
  expect(index.size).toBe(items.length);
  return { kept: items.map((item) => item.id), repeats };
}

describe("IdIndex", () => {
  it("keeps the first of each id, in order, and counts the repeats", () => {
    expect(keepFirst(["a", "b", "a", "c", "b", "b", ""])).toEqual({ kept: ["a", "b", "c", ""], repeats: 3 });
    // The empty id repeated (its hash is the seed alone).
    expect(keepFirst(["", "x", ""])).toEqual({ kept: ["", "x"], repeats: 1 });
  });

  it("finds each kept id where it sits, and no other", () => {
    const items = ["", "a", "vendor/model-1iucl3v", "vendor/model-1wqswxb"].map((id) => ({ id }));
    const index = new IdIndex(items);
    items.forEach((item, position) => expect(index.add(item.id, position)).toBe(true));
    items.forEach((item, position) => expect(index.positionOf(item.id)).toBe(position));
    expect([index.positionOf("b"), index.positionOf(" "), index.positionOf("vendor/model-x")]).toEqual([-1, -1, -1]);
  });

  it("agrees with a Set over 60 000 ids with repeats anywhere (the table grows many times)", () => {
    const ids = Array.from({ length: 60_000 }, (_, index) => `vendor${index % 37}/model-${(index * 7919) % 45_000}`);
    const expected = [...new Set(ids)];
    expect(keepFirst(ids)).toEqual({ kept: expected, repeats: ids.length - expected.length });
  });

  it("tells apart different ids whose hashes are equal", () => {
    // Found by a birthday search over generated ids.
    const [first, second] = ["vendor/model-1iucl3v", "vendor/model-1wqswxb"];
    expect(hashId(first)).toBe(hashId(second));
    expect(keepFirst([first, second, first, second])).toEqual({ kept: [first, second], repeats: 2 });
    const crowd = Array.from({ length: 3000 }, (_, index) => `x-${index}`);
    expect(keepFirst([...crowd, second, first, ...crowd, first]).kept).toEqual([...crowd, second, first]);
  });

  it("compares ids as JavaScript strings: ids differing only beyond ASCII are distinct", () => {
    expect(keepFirst(["é", "e\u0301", "𝄞", "\ud834", "é"])).toEqual({ kept: ["é", "e\u0301", "𝄞", "\ud834"], repeats: 1 });
  });
});
