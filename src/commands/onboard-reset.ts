/**
 * `onboard --reset [--reset-scope …]`: moves the chosen state aside before onboarding starts over.
 * Nothing is deleted: files go to `<stateDir>/reset-backups/<time>/` (OpenClaw moves them to the trash),
 * so a reset run by mistake can be undone by moving them back.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { OpenClawError } from "../infra/errors.js";
import { PRIVATE_DIR_MODE } from "../infra/json-file.js";
import type { ResetScope } from "./onboard-types.js";

/** `--reset` alone: config, credentials and sessions; the workspace needs `--reset-scope full`. */
export const DEFAULT_RESET_SCOPE: ResetScope = "config+creds+sessions";

export type ResetPaths = {
  home: string;
  stateDir: string;
  configPath: string;
  agentDir: string;
  sessionsDir: string;
  workspaceDir: string;
};

export type ResetTarget = { what: string; path: string };

function resetTargets(scope: ResetScope, paths: ResetPaths): ResetTarget[] {
  const targets: ResetTarget[] = [{ what: "config", path: paths.configPath }];
  if (scope === "config") return targets;
  targets.push(
    { what: "credentials", path: path.join(paths.agentDir, "auth-profiles.json") },
    { what: "model registry", path: path.join(paths.agentDir, "models.json") },
    { what: "credentials", path: path.join(paths.stateDir, "credentials") },
    { what: "sessions", path: paths.sessionsDir },
  );
  if (scope === "full") targets.push({ what: "workspace", path: paths.workspaceDir });
  return targets;
}

/** A workspace that contains the state dir or is the home directory is never moved. */
function assertMovable(target: ResetTarget, paths: ResetPaths): void {
  const resolved = path.resolve(target.path);
  const holdsState = !path.relative(resolved, paths.stateDir).startsWith("..");
  if (resolved === path.resolve(paths.home) || resolved === path.parse(resolved).root || holdsState) {
    throw new OpenClawError("ONBOARD_RESET", `Refusing to reset ${target.what} ${resolved}: it contains your home or state directory.`, {
      hint: "Use --reset-scope config+creds+sessions, or point agents.defaults.workspace at a dedicated directory.",
    });
  }
}

function moveAside(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    cpSync(from, to, { recursive: true, preserveTimestamps: true });
    rmSync(from, { recursive: true, force: true });
  }
}

export function resetOnboardState(scope: ResetScope, paths: ResetPaths, now: Date = new Date()): { backupDir: string; moved: ResetTarget[] } {
  const present = resetTargets(scope, paths).filter((target) => existsSync(target.path));
  for (const target of present) if (target.what === "workspace") assertMovable(target, paths);
  const backupDir = path.join(paths.stateDir, "reset-backups", now.toISOString().replace(/[:.]/g, "-"));
  for (const target of present) {
    const relative = path.relative(paths.stateDir, target.path);
    const inside = relative && !relative.startsWith("..") && !path.isAbsolute(relative);
    moveAside(target.path, path.join(backupDir, inside ? relative : path.join("external", path.basename(target.path))));
  }
  return { backupDir, moved: present };
}
