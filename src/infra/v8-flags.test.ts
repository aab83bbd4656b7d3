import { createRequire } from "node:module";
import type * as V8 from "node:v8";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pauseOptimizingCompiler, resumeOptimizingCompiler } from "./v8-flags.js";

// The same module object v8-flags.ts requires: its calls are recorded here, not applied to this process.
const v8 = createRequire(import.meta.url)("node:v8") as typeof V8;

describe("pausing V8's optimizing compiler", () => {
  let setFlags: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    setFlags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
  });
  afterEach(() => {
    resumeOptimizingCompiler();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("turns it off once, and back on once", () => {
    pauseOptimizingCompiler();
    pauseOptimizingCompiler();
    expect(setFlags.mock.calls).toEqual([["--no-opt"]]);
    resumeOptimizingCompiler();
    resumeOptimizingCompiler();
    expect(setFlags.mock.calls).toEqual([["--no-opt"], ["--opt"]]);
  });

  it("resuming without a pause changes nothing (the user's own flags stay)", () => {
    resumeOptimizingCompiler();
    expect(setFlags).not.toHaveBeenCalled();
  });

  it("leaves the optimizer alone when the user set its flags", () => {
    for (const flags of ["--no-opt", "--max-opt=2", "--turbofan"]) {
      vi.stubEnv("NODE_OPTIONS", `--enable-source-maps ${flags}`);
      pauseOptimizingCompiler();
      resumeOptimizingCompiler();
    }
    expect(setFlags).not.toHaveBeenCalled();
  });
});
