import { afterEach, describe, expect, it, vi } from "vitest";
import { abortOnTermination, interruptHandledByCaller, onInterrupt } from "./termination.js";

afterEach(() => vi.restoreAllMocks());

describe("who owns Ctrl-C", () => {
  it("counts the code that handles the interrupt itself, not the SIGINT listeners libraries add", () => {
    const libraryListener = () => undefined;
    process.on("SIGINT", libraryListener);
    expect(interruptHandledByCaller()).toBe(false);
    const handler = vi.fn();
    const release = onInterrupt(handler);
    expect(interruptHandledByCaller()).toBe(true);
    process.emit("SIGINT", "SIGINT");
    expect(handler).toHaveBeenCalledTimes(1);
    release();
    release();
    expect(interruptHandledByCaller()).toBe(false);
    process.emit("SIGINT", "SIGINT");
    expect(handler).toHaveBeenCalledTimes(1);
    process.off("SIGINT", libraryListener);
  });

  it("abortOnTermination owns Ctrl-C until disposed, and turns it into an abort", () => {
    const termination = abortOnTermination();
    expect(interruptHandledByCaller()).toBe(true);
    process.emit("SIGINT", "SIGINT");
    expect(termination.signal.aborted).toBe(true);
    termination.dispose();
    expect(interruptHandledByCaller()).toBe(false);
  });
});
