/** `openclaw onboard`: the interactive wizard, driven entirely through a WizardPrompter. */
import { ensureAuthProfileStore } from "../agents/auth-profiles/index.js";
import { configuredFallbackRefs, configuredPrimaryRef, parseModelRef } from "../agents/model-selection.js";
import { readConfigFileSnapshot } from "../config/io.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir, resolveSessionsDir, resolveStateDir } from "../config/paths.js";
import type { OpenClawConfig } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import type { RuntimeEnv } from "../runtime.js";
import { VERSION } from "../version.js";
import { findApiKeyProvider, findApiKeyProviderByAuthChoice } from "../providers/api-key-providers.js";
import { findAccountSpec, type ProviderAccountSpec } from "../providers/account-spec.js";
import { resolveApiKeyForProvider } from "../agents/model-auth.js";
import { wizardOrganizationStep } from "./account/onboard-account.js";
import { WizardCancelledError, type WizardPrompter } from "../wizard/prompts.js";
import { applyAuthChoice } from "./auth-choice.apply.js";
import { resolveAuthChoiceFromTokenProvider } from "./auth-choice.apply.api-providers.js";
import { resolvePreferredProviderForAuthChoice } from "./auth-choice.preferred-provider.js";
import { promptAuthChoiceGrouped } from "./auth-choice.prompt.js";
import { applyAgentDefaultModelPrimary } from "./onboard-auth.config-shared.js";
import { promptFreeFallback } from "./onboard-fallback-step.js";
import { promptDefaultModel, type ModelStepExtension } from "./onboard-model-step.js";
import { applyOnboardSections, ensureWorkspaceAndSessions, planOnboardSections } from "./onboard-sections.js";
import { inferAuthChoiceFromFlags } from "./onboard-provider-auth-flags.js";
import type { OnboardOptions } from "./onboard-types.js";
import type { EnvRecord } from "../infra/env.js";
import { createOnboardingWrites } from "./onboard-writes.js";

export type OnboardWizardDeps = { env?: EnvRecord; modelStepExtensions?: (cfg: OpenClawConfig) => ModelStepExtension[] };

const RISK_NOTE = [
  "OpenClaw runs an AI agent with the keys you give it: it can spend credits and act on your behalf.",
  "Keys are stored in auth-profiles.json (mode 0600) under your state dir.",
  "Read https://docs.openclaw.ai/security before connecting channels or tools.",
].join("\n");

function summariseExisting(cfg: OpenClawConfig, path: string): string {
  const providers = Object.keys(cfg.models?.providers ?? {});
  const profiles = Object.keys(cfg.auth?.profiles ?? {});
  return [
    `File: ${path}`,
    `Default model: ${configuredPrimaryRef(cfg) ?? "(not set)"}`,
    `Providers: ${providers.length ? providers.join(", ") : "(none configured)"}`,
    `Auth profiles: ${profiles.length ? profiles.join(", ") : "(none)"}`,
    "Onboarding updates the provider, auth and default model, and fills in gateway and workspace defaults that are missing; everything else is kept.",
  ].join("\n");
}

/** The provider the user already set up (the default model's, else the first auth profile's): the picker starts there. */
function configuredProviderOf(cfg: OpenClawConfig): { initialGroup?: string } {
  const primary = configuredPrimaryRef(cfg);
  const provider = (primary ? parseModelRef(primary)?.provider : undefined) ?? Object.values(cfg.auth?.profiles ?? {})[0]?.provider;
  return provider ? { initialGroup: provider } : {};
}

/** With the provider's key now in place, offers its organisations (a failed account read is only a note). */
async function organizationStep(
  account: ProviderAccountSpec,
  cfg: OpenClawConfig,
  before: OpenClawConfig,
  prompter: WizardPrompter,
  env: EnvRecord,
  agentDir: string,
  pendingKey: string | undefined,
): Promise<OpenClawConfig> {
  let apiKey = pendingKey;
  try {
    apiKey ??= (await resolveApiKeyForProvider({ provider: account.providerId, cfg, env, agentDir })).apiKey;
  } catch {
    return cfg;
  }
  if (!apiKey) return cfg;
  return await wizardOrganizationStep({ spec: account, prompter, cfg, env, apiKey, agentDir, baseUrlConfig: before });
}

export async function runOnboardingWizard(
  opts: OnboardOptions,
  runtime: RuntimeEnv,
  prompter: WizardPrompter,
  deps: OnboardWizardDeps = {},
): Promise<void> {
  const env = deps.env ?? process.env;
  await prompter.intro("OpenClaw onboarding");

  if (!opts.acceptRisk) {
    await prompter.note(RISK_NOTE, "Security");
    const ok = await prompter.confirm({ message: "I understand this is powerful and inherently risky. Continue?", initialValue: false });
    if (!ok) throw new WizardCancelledError();
  }

  const snapshot = await readConfigFileSnapshot({ env });
  if (snapshot.error) {
    await prompter.note(`${snapshot.error.message}\n${snapshot.error.hint ?? ""}`.trim(), "Config invalid");
    await prompter.outro("Fix the config file, then run `openclaw onboard` again. Nothing was changed.");
    return runtime.exit(1);
  }
  if (snapshot.exists) await prompter.note(summariseExisting(snapshot.config, snapshot.path), "Existing config");
  // Gateway, workspace and run stamp are decided up front, so a bad flag stops the wizard before any prompt.
  const sections = planOnboardSections(snapshot.config, opts, { env, stateDir: resolveStateDir(env) });
  if (sections.mode === "remote") {
    throw new OpenClawError("ONBOARD_MODE", "--mode remote is for non-interactive onboarding in this CLI.", {
      hint: "Run: openclaw onboard --non-interactive --mode remote --remote-url wss://<host>",
    });
  }
  if (sections.notes.length > 0) await prompter.note(sections.notes.join("\n"), "Gateway");

  const agentDir = resolveOpenClawAgentDir(env);
  // A single `--<provider>-api-key` picks the provider, as it does non-interactively.
  const given = opts.authChoice ?? inferAuthChoiceFromFlags(opts).choice;
  const prompted = !given;
  const chosen =
    given ??
    (await promptAuthChoiceGrouped({
      prompter,
      store: ensureAuthProfileStore(agentDir, { env }),
      includeSkip: true,
      ...configuredProviderOf(snapshot.config),
    }));
  const authChoice = resolveAuthChoiceFromTokenProvider(chosen, opts.tokenProvider);
  const previousPrimary = configuredPrimaryRef(snapshot.config);
  // Keys are only recorded here; nothing is written until the last prompt is answered (cancel = no change).
  const writes = createOnboardingWrites({ env, agentDir });
  // The organisation step needs the key just obtained, which is not in the store until commit.
  const pendingKeys = new Map<string, string>();
  const storeKey: typeof writes.storeKey = async (...args) => {
    pendingKeys.set(args[0], args[1]);
    await writes.storeKey(...args);
  };

  const applied = await applyAuthChoice({
    authChoice,
    config: snapshot.config,
    prompter,
    runtime,
    agentDir,
    setDefaultModel: true,
    opts: { ...opts, noBrowser: opts.noBrowser ?? false },
    env,
    storeKey,
    // The picker below decides the default model; its note comes after the choice, not before it.
    deferModelNote: prompted,
  });
  let next = applied.config;

  const account = applied.credential ? findAccountSpec(applied.credential.provider) : undefined;
  if (account) next = await organizationStep(account, next, snapshot.config, prompter, env, agentDir, pendingKeys.get(account.providerId));

  const spec = findApiKeyProviderByAuthChoice(authChoice) ?? (account ? findApiKeyProvider(account.providerId) : undefined);
  if (prompted && spec) {
    const picked = await promptDefaultModel({
      prompter,
      cfg: next,
      preferredProvider: resolvePreferredProviderForAuthChoice(authChoice),
      providerDefaultRef: spec.defaultModelRef,
      previousPrimary,
      env,
      agentDir,
      extensions: deps.modelStepExtensions?.(next) ?? [],
    });
    // The primary is always allowed, so no allowlist entry is added for it (see docs/providers/kilocode.md).
    if (picked) {
      next = applyAgentDefaultModelPrimary(next, picked);
      await prompter.note(`Default model set to ${picked}`, "Model configured");
      next = await promptFreeFallback({ prompter, cfg: next, primary: picked, env, agentDir });
    }
  }

  next = applyOnboardSections(next, sections, { now: new Date(), version: VERSION });
  const sessionsDir = resolveSessionsDir(env);
  const progress = prompter.progress("Writing config…");
  let written: OpenClawConfig;
  try {
    written = await writes.commit({ base: snapshot.config, next, configPath: snapshot.path, snapshot });
    ensureWorkspaceAndSessions(sections.workspaceDir, sessionsDir);
  } catch (err) {
    progress.stop("Writing failed");
    throw err;
  }
  progress.stop("Config written");
  next = written;

  const credential = applied.credential;
  await prompter.note(
    [
      `Config: ${snapshot.path}`,
      `Auth store: ${resolveAuthStorePath(agentDir)}`,
      `Default model: ${configuredPrimaryRef(next) ?? "(not set)"}`,
      ...(configuredFallbackRefs(next).length ? [`Fallbacks: ${configuredFallbackRefs(next).join(", ")}`] : []),
      `Workspace: ${sections.workspaceDir}`,
      `Sessions: ${sessionsDir}`,
      ...(credential
        ? [credential.source === "browser" ? `Account: ${credential.preview} (profile ${credential.profileId})` : `Key: ${credential.preview} (profile ${credential.profileId})`]
        : ["Auth: skipped"]),
      ...(account && next.models?.providers?.[account.providerId]?.organizationId ? [`Organisation: ${next.models.providers[account.providerId]!.organizationId}`] : []),
    ].join("\n"),
    "Summary",
  );
  await prompter.outro('Done. Try: openclaw agent --message "hello"');
}
