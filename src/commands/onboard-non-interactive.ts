/** `openclaw onboard --non-interactive`: flags/env in, config + credentials out, one summary. */
import { readConfigFileSnapshot } from "../config/io.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir, resolveSessionsDir, resolveStateDir } from "../config/paths.js";
import { configuredPrimaryRef } from "../agents/model-selection.js";
import type { OpenClawConfig } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import type { RuntimeEnv } from "../runtime.js";
import { inferAuthChoiceFromFlags } from "./onboard-provider-auth-flags.js";
import { applyNonInteractiveAuthChoice, type NonInteractiveAuthOutcome } from "./onboard-non-interactive/local/auth-choice.js";
import type { OnboardOptions } from "./onboard-types.js";
import type { EnvRecord } from "../infra/env.js";
import { createOnboardingWrites } from "./onboard-writes.js";
import { VERSION } from "../version.js";
import { applyOnboardSections, ensureWorkspaceAndSessions, planOnboardSections, type OnboardSectionsPlan } from "./onboard-sections.js";
import { findAccountSpec, findAccountSpecByDeviceChoice } from "../providers/account-spec.js";
import { API_KEY_PROVIDERS, findApiKeyProvider, findApiKeyProviderByAuthChoice } from "../providers/api-key-providers.js";
import { resolveAuthChoiceFromTokenProvider } from "./auth-choice.apply.api-providers.js";
import type { AuthChoice } from "./onboard-types.js";

function authChoiceServesProvider(choice: AuthChoice, provider: string, tokenProvider?: string): boolean {
  const id = findAccountSpecByDeviceChoice(choice)?.providerId ?? findApiKeyProviderByAuthChoice(resolveAuthChoiceFromTokenProvider(choice, tokenProvider))?.id;
  return id === provider;
}

type RemotePlan = Extract<OnboardSectionsPlan, { mode: "remote" }>;

/** `--mode remote`: only the gateway's address is recorded; model keys live on the remote gateway. */
async function finishRemote(params: { opts: OnboardOptions; plan: RemotePlan; runtime: RuntimeEnv; env: EnvRecord; cfg: OpenClawConfig; configPath: string }) {
  const { opts, plan, runtime } = params;
  if (inferAuthChoiceFromFlags(opts).matches.length > 0 || opts.authChoice) {
    runtime.error("Note: provider key flags are ignored with --mode remote (the remote gateway holds the model keys).");
  }
  const writes = createOnboardingWrites({ env: params.env, agentDir: resolveOpenClawAgentDir(params.env) });
  const next = applyOnboardSections(params.cfg, plan, { now: new Date(), version: VERSION });
  await writes.commit({ base: params.cfg, next, configPath: params.configPath });
  const summary = { mode: "remote" as const, remoteUrl: plan.remoteUrl, auth: plan.remoteAuth, configPath: params.configPath };
  if (opts.json) {
    runtime.log(JSON.stringify(summary, null, 2));
    return;
  }
  runtime.log([`Remote gateway configured: ${plan.remoteUrl} (auth: ${plan.remoteAuth})`, `  Config:        ${params.configPath}`].join("\n"));
}

/**
 * No key flag and no --auth-choice: onboarding still writes the base config (as OpenClaw does, scripts rely
 * on it), but says on stderr what it skipped and how to add a key, naming an env key that is already set.
 */
function describeSkippedAuth(env: EnvRecord): string {
  const withEnvKey = API_KEY_PROVIDERS.find((spec) => spec.envVars.some((name) => env[name]?.trim()));
  if (withEnvKey) {
    return `Note: no provider was set up (no key flag given). ${withEnvKey.envVar} is set: add --auth-choice ${withEnvKey.authChoice} to use it.`;
  }
  const flags = API_KEY_PROVIDERS.map((spec) => spec.flag.cliFlag).join(", ");
  return `Note: no provider was set up (no key flag given). Add a key with one of ${flags} (\`-\` reads it from stdin), or export the provider's key and pass --auth-choice.`;
}

export async function runNonInteractiveOnboarding(opts: OnboardOptions, runtime: RuntimeEnv, env: EnvRecord = process.env): Promise<void> {
  const snapshot = await readConfigFileSnapshot({ env });
  if (snapshot.error) throw snapshot.error;

  const plan = planOnboardSections(snapshot.config, opts, { env, stateDir: resolveStateDir(env) });
  for (const note of plan.notes) runtime.error(`Note: ${note}`);
  if (opts.installDaemon) runtime.error("Note: --install-daemon: this CLI has no gateway service to install; nothing installed.");
  if (plan.mode === "remote") return finishRemote({ opts, plan, runtime, env, cfg: snapshot.config, configPath: snapshot.path });

  const inferred = inferAuthChoiceFromFlags(opts);
  if (!opts.authChoice && inferred.matches.length > 1) {
    throw new OpenClawError("ONBOARD_FLAG", "Multiple API key flags were provided for non-interactive onboarding.", {
      hint: `Use a single provider flag or pass --auth-choice explicitly. Flags: ${inferred.matches.map((flag) => flag.cliFlag).join(", ")}`,
    });
  }
  // `--<provider>-org` alone means "this provider, with the key I already have".
  const orgChoice = opts.organization ? findApiKeyProvider(opts.organization.provider)?.authChoice : undefined;
  const authChoice = opts.authChoice ?? inferred.choice ?? orgChoice ?? "skip";
  if (opts.organization && orgChoice && !authChoiceServesProvider(authChoice, opts.organization.provider, opts.tokenProvider)) {
    const orgFlag = findAccountSpec(opts.organization.provider)?.organization.cliFlag ?? "--org";
    throw new OpenClawError("ONBOARD_FLAG", `${orgFlag} applies to ${opts.organization.provider} only, but --auth-choice is ${authChoice}.`, {
      hint: `Drop ${orgFlag}, or use --auth-choice ${orgChoice}.`,
    });
  }
  if (authChoice === "skip" && !opts.authChoice) runtime.error(describeSkippedAuth(env));
  const agentDir = resolveOpenClawAgentDir(env);
  let outcome: NonInteractiveAuthOutcome | undefined;
  const writes = createOnboardingWrites({ env, agentDir });
  const withAuth = await applyNonInteractiveAuthChoice({
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
  const next = applyOnboardSections(withAuth, plan, { now: new Date(), version: VERSION });

  const written = await writes.commit({ base: snapshot.config, next, configPath: snapshot.path, snapshot });
  const sessionsDir = resolveSessionsDir(env);
  ensureWorkspaceAndSessions(plan.workspaceDir, sessionsDir);

  const defaultModel = configuredPrimaryRef(written);
  // OpenClaw's summary fields first (scripts read them), then ours.
  const summary = {
    mode: "local" as const,
    workspace: plan.workspaceDir,
    authChoice,
    gateway: plan.summary,
    installDaemon: false,
    skipSkills: opts.skipSkills ?? false,
    skipHealth: opts.skipHealth ?? false,
    defaultModel: defaultModel ?? null,
    configPath: snapshot.path,
    authStorePath: resolveAuthStorePath(agentDir),
    profileId: outcome?.profileId ?? null,
    keySource: outcome?.keySource ?? null,
    keyPreview: outcome?.keyPreview ?? null,
    storedAs: outcome?.storedAs ?? null,
    sessionsDir,
    ...(outcome?.email ? { email: outcome.email } : {}),
    ...(outcome?.organizationId !== undefined ? { organizationId: outcome.organizationId } : {}),
  };
  if (opts.json) {
    runtime.log(JSON.stringify(summary, null, 2));
    return;
  }
  const lines = ["Onboarding complete.", `  Config:        ${summary.configPath}`];
  if (outcome) {
    lines.push(`  Auth profile:  ${outcome.profileId} in ${summary.authStorePath}`);
    if (outcome.email) lines.push(`  Account:       ${outcome.email} (token from browser sign-in)`);
    else {
      lines.push(
        `  API key:       ${outcome.storedAs === "keyRef" ? `reference to $${outcome.envVar}` : outcome.keyPreview} (from ${outcome.keySource})`,
      );
    }
    if (outcome.organizationId !== undefined) lines.push(`  Organisation:  ${outcome.organizationId ?? "personal"}`);
  } else {
    lines.push("  Auth:          skipped (no provider key given)");
  }
  lines.push(`  Default model: ${defaultModel ?? "(unchanged)"}`);
  lines.push(`  Workspace:     ${summary.workspace}`, `  Sessions:      ${sessionsDir}`);
  lines.push("", 'Next: openclaw agent --message "hello"');
  runtime.log(lines.join("\n"));
}
