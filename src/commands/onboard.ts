/** `openclaw onboard`: validates options, reads keys given as `-` from stdin, dispatches to a flow. */
import { openSync } from "node:fs";
import type { Readable } from "node:stream";
import { ReadStream } from "node:tty";
import path from "node:path";
import { readConfigFileSnapshot } from "../config/io.js";
import { resolveHomeDir, resolveOpenClawAgentDir, resolveSessionsDir, resolveStateDir, resolveUserPath } from "../config/paths.js";
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { readSecretFromStdin } from "../infra/stdin-secret.js";
import type { RuntimeEnv } from "../runtime.js";
import { runNonInteractiveOnboarding } from "./onboard-non-interactive.js";
import { ONBOARD_PROVIDER_AUTH_FLAGS } from "./onboard-provider-auth-flags.js";
import { DEFAULT_RESET_SCOPE, resetOnboardState } from "./onboard-reset.js";
import { planOnboardSections } from "./onboard-sections.js";
import type { OnboardOptions } from "./onboard-types.js";
import type { OnboardWizardDeps } from "./onboard-interactive.js";
import { findAccountSpecByDeviceChoice } from "../providers/account-spec.js";

export type OnboardDeps = OnboardWizardDeps & {
  /** Reads the key for `flag -` (a pipe, or a masked prompt on a terminal). */
  readStdin?: (flag: string) => Promise<string>;
  stdinIsTTY?: boolean;
  /** The keyboard for the wizard when stdin carried a piped key; defaults to the controlling terminal. */
  openTerminal?: () => Readable | undefined;
};

/** The controlling terminal (`/dev/tty`), when there is one. */
function openControllingTerminal(): Readable | undefined {
  try {
    return new ReadStream(openSync("/dev/tty", "r"));
  } catch {
    return undefined;
  }
}

function readsKeyFromStdin(opts: OnboardOptions): boolean {
  return opts.token === "-" || ONBOARD_PROVIDER_AUTH_FLAGS.some((flag) => opts[flag.optionKey] === "-");
}

/** Replaces `--<provider>-api-key -` (and `--token -`) with the key read from stdin. */
async function resolveStdinKeys(opts: OnboardOptions, readStdin: (flag: string) => Promise<string>): Promise<OnboardOptions> {
  const fromStdin = [
    ...ONBOARD_PROVIDER_AUTH_FLAGS.filter((flag) => opts[flag.optionKey] === "-").map((flag) => ({ key: flag.optionKey, flag: flag.cliFlag })),
    ...(opts.token === "-" ? [{ key: "token" as const, flag: "--token" }] : []),
  ];
  if (fromStdin.length === 0) return opts;
  if (fromStdin.length > 1) {
    throw new OpenClawError("ONBOARD_STDIN", `Only one option can read from stdin, got ${fromStdin.map((entry) => entry.flag).join(", ")}.`, {
      hint: "Pass one key as `-` and the others by env var.",
    });
  }
  const [entry] = fromStdin;
  const value = (await readStdin(entry!.flag)).trim();
  if (!value) {
    throw new OpenClawError("ONBOARD_STDIN", `${entry!.flag} - read an empty key from stdin.`, {
      hint: `Pipe the key in, e.g. printf '%s' "$KEY" | openclaw onboard --non-interactive ${entry!.flag} -`,
    });
  }
  return { ...opts, [entry!.key]: value };
}

/** A key flag given but blank is a mistake (an unset shell variable, usually), not "no key". */
function rejectEmptyKeyFlags(opts: OnboardOptions): void {
  for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) {
    const value = opts[flag.optionKey];
    if (value !== undefined && value.trim() === "") {
      throw new OpenClawError("ONBOARD_EMPTY_KEY", `Missing ${flag.cliFlag}: the value is empty.`, {
        hint: `Pass the key (or \`-\` to read it from stdin); is the shell variable you used set?`,
      });
    }
  }
}

/** `--reset [--reset-scope]` runs once the flags are known to be good, before either flow reads the config. */
async function applyResetFlags(opts: OnboardOptions, runtime: RuntimeEnv, env: EnvRecord): Promise<void> {
  if (!opts.reset) {
    if (opts.resetScope) runtime.error("Note: --reset-scope has no effect without --reset; nothing was reset.");
    return;
  }
  const scope = opts.resetScope ?? DEFAULT_RESET_SCOPE;
  const stateDir = resolveStateDir(env);
  // Every scope removes the config, so the flags are checked against an empty one before anything moves.
  planOnboardSections({}, opts, { env, stateDir });
  const snapshot = await readConfigFileSnapshot({ env });
  const configured = snapshot.config.agents?.defaults?.workspace;
  const workspace = opts.workspace ?? (typeof configured === "string" && configured.trim() ? configured : path.join(stateDir, "workspace"));
  const { backupDir, moved } = resetOnboardState(scope, {
    home: resolveHomeDir(env),
    stateDir,
    configPath: snapshot.path,
    agentDir: resolveOpenClawAgentDir(env),
    sessionsDir: resolveSessionsDir(env),
    workspaceDir: resolveUserPath(workspace, env),
  });
  runtime.error(
    moved.length === 0
      ? `Reset (${scope}): nothing to reset.`
      : `Reset (${scope}): moved ${[...new Set(moved.map((target) => target.what))].join(", ")} to ${backupDir}`,
  );
}

export async function onboardCommand(opts: OnboardOptions, runtime: RuntimeEnv, deps: OnboardDeps = {}): Promise<void> {
  rejectEmptyKeyFlags(opts);
  const keyFromStdin = readsKeyFromStdin(opts);
  const resolved = await resolveStdinKeys(opts, deps.readStdin ?? ((flag) => readSecretFromStdin(flag)));
  const env = deps.env ?? process.env;

  const stdinIsTTY = deps.stdinIsTTY ?? Boolean(process.stdin.isTTY);
  // Browser sign-in needs no keyboard: without a terminal it runs as its non-interactive self.
  const deviceWithoutTty = !stdinIsTTY && resolved.authChoice !== undefined && findAccountSpecByDeviceChoice(resolved.authChoice) !== undefined;
  if (resolved.nonInteractive || deviceWithoutTty) {
    await applyResetFlags(resolved, runtime, env);
    await runNonInteractiveOnboarding(resolved, runtime, env);
    return;
  }
  // A key piped in with `-` used up stdin: the wizard then reads the keyboard from the terminal itself.
  const terminal = !stdinIsTTY && keyFromStdin ? (deps.openTerminal ?? openControllingTerminal)() : undefined;
  if (!stdinIsTTY && !terminal) {
    throw new OpenClawError("ONBOARD_NO_TTY", "The onboarding wizard needs an interactive terminal (stdin is not a TTY).", {
      hint: "For scripts use: openclaw onboard --non-interactive --<provider>-api-key <key> (or the provider's env var with --auth-choice <choice>).",
    });
  }
  await applyResetFlags(resolved, runtime, env);
  const [{ runOnboardingWizard }, { createClackPrompter }, { catalogModelStepExtensions }] = await Promise.all([
    import("./onboard-interactive.js"),
    import("../wizard/clack-prompter.js"),
    import("./onboard-catalog-step.js"),
  ]);
  try {
    await runOnboardingWizard(resolved, runtime, createClackPrompter(terminal ? { input: terminal } : {}), {
      modelStepExtensions: catalogModelStepExtensions(deps.env ?? process.env),
      ...deps,
    });
  } finally {
    terminal?.destroy();
  }
}
