/** Temp HOME/state dirs for tests, so nothing ever reads or writes the developer's real ~/.openclaw. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type TempState = {
  root: string;
  home: string;
  stateDir: string;
  agentDir: string;
  /** Where the main agent's session transcripts live. */
  sessionsDir: string;
  configPath: string;
  authStorePath: string;
  /** Env for a child CLI process or for env-taking functions: HOME and OPENCLAW_STATE_DIR point inside root. */
  env: Record<string, string>;
  cleanup: () => void;
};

export function createTempState(prefix = "openclaw-test-"): TempState {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const home = path.join(root, "home");
  const stateDir = path.join(home, ".openclaw");
  const agentDir = path.join(stateDir, "agents", "main", "agent");
  return {
    root,
    home,
    stateDir,
    agentDir,
    sessionsDir: path.join(stateDir, "agents", "main", "sessions"),
    configPath: path.join(stateDir, "openclaw.json"),
    authStorePath: path.join(agentDir, "auth-profiles.json"),
    env: { HOME: home, OPENCLAW_STATE_DIR: stateDir },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Points process.env at a temp state for in-process tests and restores every touched var afterwards.
 * Provider key vars are cleared so a developer's real keys never leak into a test.
 */
export function useTempStateEnv(state: TempState, extra: Record<string, string | undefined> = {}): () => void {
  const cleared = [
    "OPENCLAW_HOME",
    "OPENCLAW_CONFIG_PATH",
    "OPENCLAW_AGENT_DIR",
    "PI_CODING_AGENT_DIR",
    "OPENCLAW_LOAD_SHELL_ENV",
    "KILOCODE_API_KEY",
    "KILOCODE_ORG_ID",
    "KILOCODE_FEATURE",
    "KILOCODE_API_BASE_URL",
    "OPENROUTER_API_KEY",
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_OAUTH_TOKEN",
  ];
  const next: Record<string, string | undefined> = {};
  for (const key of cleared) next[key] = undefined;
  Object.assign(next, state.env, extra);
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(next)) {
    saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export type TempStateOptions = {
  /** The temp dir's name prefix, to tell a suite's leftovers apart (default "openclaw-test-"). */
  prefix?: string;
  /** Dirs created before each test, e.g. the state dir before writing a config file into it. */
  mkdir?: readonly ("stateDir" | "agentDir" | "sessionsDir")[];
  /** Also point process.env at the state for in-process commands (useTempStateEnv); restored after each test. */
  processEnv?: boolean;
};

/**
 * A fresh temp state for each test of a file, removed after it; returns an accessor. Hooks the file
 * registers after this call run after the state exists (and their afterEach before it is removed).
 */
export function useTempState(
  hooks: { beforeEach: (fn: () => void) => void; afterEach: (fn: () => void) => void },
  options: TempStateOptions = {},
): () => TempState {
  let state: TempState | undefined;
  let restoreEnv: (() => void) | undefined;
  hooks.beforeEach(() => {
    state = createTempState(options.prefix);
    for (const dir of options.mkdir ?? []) mkdirSync(state[dir], { recursive: true });
    if (options.processEnv) restoreEnv = useTempStateEnv(state);
  });
  hooks.afterEach(() => {
    restoreEnv?.();
    restoreEnv = undefined;
    state?.cleanup();
  });
  return () => {
    if (!state) throw new Error("the temp state is created in beforeEach");
    return state;
  };
}

/** A fresh empty temp dir for each test of a file (for code that takes a path, not a HOME/state layout). */
export function useTempDir(
  hooks: { beforeEach: (fn: () => void) => void; afterEach: (fn: () => void) => void },
  prefix = "openclaw-test-",
): () => string {
  let dir: string | undefined;
  hooks.beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  hooks.afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("the temp dir is created in beforeEach");
    return dir;
  };
}
