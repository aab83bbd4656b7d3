import { describe, expect, it } from "vitest";
import { FNV1A_SEED, fnv1a32 } from "./fnv1a.js";

describe("fnv1a32", () => {
  it("gives FNV-1a's published 32-bit values, as signed integers", () => {
    // Test vectors of the FNV-1a 32-bit hash.
    expect(fnv1a32("") >>> 0).toBe(0x811c9dc5);
    expect(fnv1a32("a") >>> 0).toBe(0xe40c292c);
    expect(fnv1a32("foobar") >>> 0).toBe(0xbf9cf968);
    expect(fnv1a32("")).toBe(FNV1A_SEED | 0);
    expect(Number.isInteger(fnv1a32("a")) && fnv1a32("a") < 0).toBe(true);
  });

  it("hashes from another seed on request", () => {
    expect(fnv1a32("a", 0x050c5d1f)).not.toBe(fnv1a32("a"));
    expect(fnv1a32("", 0x050c5d1f)).toBe(0x050c5d1f);
  });
});
