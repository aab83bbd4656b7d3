/** `openclaw onboard --non-interactive`: flags/env in, config + credentials out, one summary. */
import { readConfigFileSnapshot } from "../config/io.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir } from "../config/paths.js";
import { configuredPrimaryRef } from "../agents/model-selection.js";
import type { RuntimeEnv } from "../runtime.js";
import { inferAuthChoiceFromFlags } from "./onboard-provider-auth-flags.js";
import { applyNonInteractiveAuthChoice, type NonInteractiveAuthOutcome } from "./onboard-non-interactive/local/auth-choice.js";
import type { OnboardOptions } from "./onboard-types.js";
import type { EnvRecord } from "../infra/env.js";
import { createOnboardingWrites } from "./onboard-writes.js";

const DEFAULT_GATEWAY_PORT = 18789;

export async function runNonInteractiveOnboarding(opts: OnboardOptions, runtime: RuntimeEnv, env: EnvRecord = process.env): Promise<void> {
  const snapshot = await readConfigFileSnapshot({ env });
  if (snapshot.error) {
    runtime.error(`Error: ${snapshot.error.message}`);
    if (snapshot.error.hint) runtime.error(`Hint: ${snapshot.error.hint}`);
    return runtime.exit(1);
  }

  const inferred = inferAuthChoiceFromFlags(opts);
  if (!opts.authChoice && inferred.matches.length > 1) {
    runtime.error("Multiple API key flags were provided for non-interactive onboarding.");
    runtime.error("Use a single provider flag or pass --auth-choice explicitly.");
    runtime.error(`Flags: ${inferred.matches.map((flag) => flag.cliFlag).join(", ")}`);
    return runtime.exit(1);
  }
  const authChoice = opts.authChoice ?? inferred.choice ?? "skip";
  const agentDir = resolveOpenClawAgentDir(env);
  let outcome: NonInteractiveAuthOutcome | undefined;
  const writes = createOnboardingWrites({ env, agentDir });
  const next = await applyNonInteractiveAuthChoice({
    nextConfig: snapshot.config,
    authChoice,
    opts,
    runtime,
    baseConfig: snapshot.config,
    agentDir,
    env,
    onStored: (stored) => {
      outcome = stored;
    },
    storeKey: writes.storeKey,
  });
  if (!next) return runtime.exit(1);

  const written = await writes.commit({ base: snapshot.config, next, configPath: snapshot.path });

  const defaultModel = configuredPrimaryRef(written);
  const summary = {
    mode: "local" as const,
    authChoice,
    defaultModel: defaultModel ?? null,
    configPath: snapshot.path,
    authStorePath: resolveAuthStorePath(agentDir),
    profileId: outcome?.profileId ?? null,
    keySource: outcome?.keySource ?? null,
    keyPreview: outcome?.keyPreview ?? null,
    storedAs: outcome?.storedAs ?? null,
    workspace: opts.workspace ?? null,
    gateway: { port: opts.gatewayPort ?? DEFAULT_GATEWAY_PORT, bind: opts.gatewayBind ?? "loopback" },
    skipSkills: opts.skipSkills ?? false,
    skipHealth: opts.skipHealth ?? false,
  };
  if (opts.json) {
    runtime.log(JSON.stringify(summary, null, 2));
    return;
  }
  const lines = ["Onboarding complete.", `  Config:        ${summary.configPath}`];
  if (outcome) {
    lines.push(`  Auth profile:  ${outcome.profileId} in ${summary.authStorePath}`);
    lines.push(
      `  API key:       ${outcome.storedAs === "keyRef" ? `reference to $${outcome.envVar}` : outcome.keyPreview} (from ${outcome.keySource})`,
    );
  } else {
    lines.push("  Auth:          skipped (no provider key given)");
  }
  lines.push(`  Default model: ${defaultModel ?? "(unchanged)"}`);
  lines.push("", 'Next: openclaw agent --message "hello"');
  runtime.log(lines.join("\n"));
}
