/** Start-up cost that grows with what a command imports: asserted on the modules a run loads, not on time. */
import { writeFileSync, mkdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliLoadedModules } from "./helpers/loaded-modules.js";
import { createTempState, type TempState } from "./helpers/temp-state.js";

let state: TempState;
beforeEach(() => {
  state = createTempState();
  mkdirSync(state.stateDir, { recursive: true });
});
afterEach(() => state.cleanup());

describe("modules loaded per command", () => {
  it("models status with the login-shell import off loads no child_process (nor its net/dgram)", async () => {
    writeFileSync(state.configPath, JSON.stringify({ agents: { defaults: { model: { primary: "kilocode/kilo/auto" } } } }));
    const run = await runCliLoadedModules(["models", "status"], { env: { ...state.env, KILOCODE_API_KEY: "sk-modules-test" } });
    expect(run.code).toBe(0);
    expect(run.builtins).toContain("fs");
    expect(run.builtins).not.toContain("child_process");
    expect(run.builtins).not.toContain("dgram");
  });
});
