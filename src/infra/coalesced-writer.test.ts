import { describe, expect, it } from "vitest";
import { createCoalescedWriter } from "./coalesced-writer.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("createCoalescedWriter", () => {
  it("joins what is written in one turn of the event loop into one sink call", async () => {
    const calls: string[] = [];
    const writer = createCoalescedWriter((text) => calls.push(text));
    writer.write("a");
    await Promise.resolve();
    writer.write("b");
    writer.write("c");
    expect(calls).toEqual([]);
    await nextTurn();
    expect(calls).toEqual(["abc"]);
    writer.write("d");
    await nextTurn();
    expect(calls).toEqual(["abc", "d"]);
  });

  it("flush writes pending text at once and nothing twice", async () => {
    const calls: string[] = [];
    const writer = createCoalescedWriter((text) => calls.push(text));
    writer.write("x");
    writer.flush();
    expect(calls).toEqual(["x"]);
    await nextTurn();
    writer.flush();
    expect(calls).toEqual(["x"]);
  });
});
