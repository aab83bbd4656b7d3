import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import { resetOnboardState, type ResetPaths } from "./onboard-reset.js";

const state = useTempState({ beforeEach, afterEach }, { mkdir: ["agentDir", "sessionsDir"] });
let paths: ResetPaths;
beforeEach(() => {
  const { home, stateDir, configPath, agentDir, sessionsDir } = state();
  paths = { home, stateDir, configPath, agentDir, sessionsDir, workspaceDir: path.join(stateDir, "workspace") };
  mkdirSync(paths.workspaceDir, { recursive: true });
  writeFileSync(configPath, "{}");
  writeFileSync(state().authStorePath, '{"version":1,"profiles":{}}');
  writeFileSync(path.join(paths.sessionsDir, "s.jsonl"), "x\n");
  writeFileSync(path.join(paths.workspaceDir, "AGENTS.md"), "keep me");
});

describe("resetOnboardState", () => {
  it("config scope moves only the config, into a backup dir", () => {
    const { backupDir, moved } = resetOnboardState("config", paths, new Date("2026-03-01T10:00:00Z"));
    expect(moved.map((target) => target.what)).toEqual(["config"]);
    expect(existsSync(state().configPath)).toBe(false);
    expect(readFileSync(path.join(backupDir, "openclaw.json"), "utf8")).toBe("{}");
    expect(existsSync(state().authStorePath)).toBe(true);
  });

  it("the default scope adds credentials and sessions but keeps the workspace", () => {
    const { backupDir } = resetOnboardState("config+creds+sessions", paths);
    expect(existsSync(state().authStorePath)).toBe(false);
    expect(existsSync(paths.sessionsDir)).toBe(false);
    expect(existsSync(path.join(backupDir, "agents", "main", "sessions", "s.jsonl"))).toBe(true);
    expect(existsSync(paths.workspaceDir)).toBe(true);
  });

  it("full moves the workspace too, but never a workspace holding the home or state dir", () => {
    const { backupDir } = resetOnboardState("full", paths);
    expect(readFileSync(path.join(backupDir, "workspace", "AGENTS.md"), "utf8")).toBe("keep me");
    expect(() => resetOnboardState("full", { ...paths, workspaceDir: state().home })).toThrow("Refusing to reset workspace");
  });
});
