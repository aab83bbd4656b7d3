/**
 * Where OpenClaw keeps its files. Every path the slice touches comes from here, computed from an env
 * object (default `process.env`) so tests can point everything at a temp dir without mocks.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { EnvRecord } from "../infra/env.js";

export const CONFIG_FILENAME = "openclaw.json";
export const DEFAULT_AGENT_ID = "main";
export const STATE_DIRNAME = ".openclaw";
const LEGACY_STATE_DIRNAMES = [".clawdbot", ".moldbot", ".moltbot"] as const;
const LEGACY_CONFIG_FILENAMES = ["clawdbot.json", "moldbot.json", "moltbot.json"] as const;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** OPENCLAW_HOME (with `~` expanded against HOME) > HOME > USERPROFILE > os.homedir() > cwd. */
export function resolveHomeDir(env: EnvRecord = process.env): string {
  const baseHome = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? safeHomedir() ?? process.cwd();
  const override = nonEmpty(env.OPENCLAW_HOME);
  if (override) return path.resolve(expandTilde(override, baseHome));
  return path.resolve(baseHome);
}

function safeHomedir(): string | undefined {
  try {
    return nonEmpty(os.homedir());
  } catch {
    return undefined;
  }
}

export function expandTilde(input: string, home: string): string {
  if (input === "~") return home;
  if (input.startsWith("~/") || input.startsWith("~\\")) return path.join(home, input.slice(2));
  return input;
}

/** `~` expanded against the resolved home, then made absolute. */
export function resolveUserPath(input: string, env: EnvRecord): string {
  return path.resolve(expandTilde(input, resolveHomeDir(env)));
}

/** OPENCLAW_STATE_DIR (or legacy CLAWDBOT_STATE_DIR) > ~/.openclaw if present > legacy dirs > ~/.openclaw. */
export function resolveStateDir(env: EnvRecord = process.env): string {
  const override = nonEmpty(env.OPENCLAW_STATE_DIR) ?? nonEmpty(env.CLAWDBOT_STATE_DIR);
  if (override) return resolveUserPath(override, env);
  const home = resolveHomeDir(env);
  const preferred = path.join(home, STATE_DIRNAME);
  if (existsSync(preferred)) return preferred;
  for (const legacy of LEGACY_STATE_DIRNAMES) {
    const candidate = path.join(home, legacy);
    if (existsSync(candidate)) return candidate;
  }
  return preferred;
}

/** OPENCLAW_CONFIG_PATH > first existing config (new or legacy name) > <stateDir>/openclaw.json. */
export function resolveConfigPath(env: EnvRecord = process.env): string {
  const override = nonEmpty(env.OPENCLAW_CONFIG_PATH) ?? nonEmpty(env.CLAWDBOT_CONFIG_PATH);
  if (override) return resolveUserPath(override, env);
  const stateDir = resolveStateDir(env);
  for (const name of [CONFIG_FILENAME, ...LEGACY_CONFIG_FILENAMES]) {
    const candidate = path.join(stateDir, name);
    if (existsSync(candidate)) return candidate;
  }
  return path.join(stateDir, CONFIG_FILENAME);
}

/** OPENCLAW_AGENT_DIR or PI_CODING_AGENT_DIR > <stateDir>/agents/main/agent. */
export function resolveOpenClawAgentDir(env: EnvRecord = process.env): string {
  const override = nonEmpty(env.OPENCLAW_AGENT_DIR) ?? nonEmpty(env.PI_CODING_AGENT_DIR);
  if (override) return resolveUserPath(override, env);
  return path.join(resolveStateDir(env), "agents", DEFAULT_AGENT_ID, "agent");
}

export function resolveAuthStorePath(agentDir: string): string {
  return path.join(agentDir, "auth-profiles.json");
}

export function resolveSessionsDir(env: EnvRecord = process.env): string {
  return path.join(resolveStateDir(env), "agents", DEFAULT_AGENT_ID, "sessions");
}

export function resolveCacheDir(env: EnvRecord = process.env): string {
  return path.join(resolveStateDir(env), "cache");
}
