import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import { resolveConfigPath, resolveHomeDir, resolveOpenClawAgentDir, resolveSessionsDir, resolveStateDir } from "./paths.js";

const tempState = useTempState({ beforeEach, afterEach });

describe("paths", () => {
  it("defaults to ~/.openclaw, openclaw.json and agents/main/agent", () => {
    const env = { HOME: tempState().home };
    expect(resolveStateDir(env)).toBe(path.join(tempState().home, ".openclaw"));
    expect(resolveConfigPath(env)).toBe(path.join(tempState().home, ".openclaw", "openclaw.json"));
    expect(resolveOpenClawAgentDir(env)).toBe(path.join(tempState().home, ".openclaw", "agents", "main", "agent"));
    expect(resolveSessionsDir(env)).toBe(path.join(tempState().home, ".openclaw", "agents", "main", "sessions"));
  });

  it("honours OPENCLAW_HOME (with ~), OPENCLAW_STATE_DIR, OPENCLAW_CONFIG_PATH and OPENCLAW_AGENT_DIR", () => {
    expect(resolveHomeDir({ HOME: tempState().home, OPENCLAW_HOME: "~/alt" })).toBe(path.join(tempState().home, "alt"));
    const env = { HOME: tempState().home, OPENCLAW_STATE_DIR: "~/state", OPENCLAW_CONFIG_PATH: "/etc/oc.json", OPENCLAW_AGENT_DIR: "/agents/x" };
    expect(resolveStateDir(env)).toBe(path.join(tempState().home, "state"));
    expect(resolveConfigPath(env)).toBe("/etc/oc.json");
    expect(resolveOpenClawAgentDir(env)).toBe("/agents/x");
    expect(resolveOpenClawAgentDir({ HOME: tempState().home, PI_CODING_AGENT_DIR: "/pi" })).toBe("/pi");
  });

  it("falls back to a legacy state dir and config name when only they exist", () => {
    mkdirSync(path.join(tempState().home, ".clawdbot"), { recursive: true });
    writeFileSync(path.join(tempState().home, ".clawdbot", "clawdbot.json"), "{}");
    const env = { HOME: tempState().home };
    expect(resolveStateDir(env)).toBe(path.join(tempState().home, ".clawdbot"));
    expect(resolveConfigPath(env)).toBe(path.join(tempState().home, ".clawdbot", "clawdbot.json"));
    mkdirSync(path.join(tempState().home, ".openclaw"));
    expect(resolveStateDir(env)).toBe(path.join(tempState().home, ".openclaw"));
  });
});
