import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import type * as V8 from "node:v8";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { beginBulkWork, endBulkWork } from "./v8-flags.js";

// The same module object v8-flags.ts requires: its calls are recorded here, not applied to this process.
const v8 = createRequire(import.meta.url)("node:v8") as typeof V8;

const BULK = "--no-opt --semi-space-growth-factor=16";
const DEFAULTS = "--opt --semi-space-growth-factor=2";

describe("tuning V8 for one-off bulk work", () => {
  let setFlags: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    setFlags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
  });
  afterEach(() => {
    endBulkWork();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("turns TurboFan off and the young generation's growth up once, and both back to V8's defaults once", () => {
    beginBulkWork();
    beginBulkWork();
    expect(setFlags.mock.calls).toEqual([[BULK]]);
    endBulkWork();
    endBulkWork();
    expect(setFlags.mock.calls).toEqual([[BULK], [DEFAULTS]]);
  });

  it("sets back every flag it changed, to the value Node starts with (else built-ins would miss V8's code cache)", () => {
    const names = (flags: string) => flags.split(" ").map((flag) => flag.replace(/^--(?:no-)?/, "").replace(/=.*/, ""));
    expect(names(DEFAULTS)).toEqual(names(BULK));
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    expect(options).toMatch(/--opt \(alias for --turbofan\)/);
    expect(options).toMatch(/--turbofan \(use the Turbofan optimizing compiler\)\s+type: bool\s+default: --turbofan/);
    expect(options).toMatch(/--semi-space-growth-factor [^\n]*\s+type: int\s+default: --semi-space-growth-factor=2/);
  });

  it("resuming without a pause changes nothing (the user's own flags stay)", () => {
    endBulkWork();
    expect(setFlags).not.toHaveBeenCalled();
  });

  it("leaves the optimizer alone when the user set its flags", () => {
    for (const flags of ["--no-opt", "--max-opt=2", "--turbofan", "--semi-space-growth-factor=4"]) {
      vi.stubEnv("NODE_OPTIONS", `--enable-source-maps ${flags}`);
      beginBulkWork();
      endBulkWork();
    }
    expect(setFlags).not.toHaveBeenCalled();
  });
});
