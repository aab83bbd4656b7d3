/**
 * Opt-in import of provider keys from the user's login shell (`OPENCLAW_LOAD_SHELL_ENV=1` or
 * `env.shellEnv.enabled`), for GUI/daemon launches that did not inherit the shell's exports.
 * Only the expected keys are copied, only when none of them is set, and only if missing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EnvRecord } from "./env.js";
import { nodeChildProcess } from "./lazy-builtins.js";

const DEFAULT_SHELL_ENV_TIMEOUT_MS = 15_000;
const MAX_BUFFER = 2 * 1024 * 1024;

export type ShellExec = (shell: string, args: string[], options: { env: EnvRecord; timeoutMs: number }) => string;

const appliedKeys = new Set<string>();

/** Keys the last fallback copied into the env, so key sources can say `shell env: VAR`. */
export function getShellEnvAppliedKeys(): ReadonlySet<string> {
  return appliedKeys;
}

export function resetShellEnvAppliedKeysForTest(): void {
  appliedKeys.clear();
}

export function isTruthyEnvValue(value: string | undefined): boolean {
  return value !== undefined && ["1", "true", "yes", "on"].includes(value.trim().toLowerCase());
}

function allowedShells(): Set<string> {
  try {
    return new Set(
      readFileSync("/etc/shells", "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.startsWith("/")),
    );
  } catch {
    return new Set();
  }
}

/** $SHELL only when it is an absolute, normalised path listed in /etc/shells; else /bin/sh. */
export function resolveLoginShell(env: EnvRecord): string {
  const shell = env.SHELL?.trim();
  if (shell && path.isAbsolute(shell) && path.normalize(shell) === shell && allowedShells().has(shell)) return shell;
  return "/bin/sh";
}

// child_process (which loads net and dgram) is required only when the import actually runs: every command
// imports the config loader, and the import is off by default.
const defaultExec: ShellExec = (shell, args, options) =>
  nodeChildProcess().execFileSync(shell, args, {
    env: options.env as NodeJS.ProcessEnv,
    timeout: options.timeoutMs,
    maxBuffer: MAX_BUFFER,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });

export function parseNulSeparatedEnv(output: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of output.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return vars;
}

export type ShellEnvResult = { ran: boolean; applied: string[]; reason?: "disabled" | "already-has-keys" | "failed" };

export function loadShellEnvFallback(params: {
  enabled: boolean;
  env: EnvRecord;
  expectedKeys: readonly string[];
  timeoutMs?: number;
  exec?: ShellExec;
  logger?: (message: string) => void;
}): ShellEnvResult {
  const { env, expectedKeys } = params;
  if (!params.enabled) return { ran: false, applied: [], reason: "disabled" };
  if (expectedKeys.some((key) => env[key]?.trim())) return { ran: false, applied: [], reason: "already-has-keys" };

  const fromEnv = Number(env.OPENCLAW_SHELL_ENV_TIMEOUT_MS);
  const timeoutMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : (params.timeoutMs ?? DEFAULT_SHELL_ENV_TIMEOUT_MS);
  const childEnv: EnvRecord = { ...env };
  delete childEnv.ZDOTDIR;
  try {
    const output = (params.exec ?? defaultExec)(resolveLoginShell(env), ["-l", "-c", "env -0"], { env: childEnv, timeoutMs });
    const shellVars = parseNulSeparatedEnv(output);
    const applied: string[] = [];
    for (const key of expectedKeys) {
      const value = shellVars.get(key);
      if (value?.trim() && !env[key]) {
        env[key] = value;
        appliedKeys.add(key);
        applied.push(key);
      }
    }
    return { ran: true, applied };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    (params.logger ?? ((message) => process.stderr.write(`${message}\n`)))(`[openclaw] shell env fallback failed: ${reason}`);
    return { ran: true, applied: [], reason: "failed" };
  }
}
