/**
 * Onboarding glue for provider accounts: browser sign-in and the organisation choice, for both the
 * non-interactive path (stderr, flags) and the wizard (WizardPrompter). Nothing is written until the
 * sign-in and the organisation check have both succeeded.
 */
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { OpenClawError } from "../../infra/errors.js";
import { startStderrProgress } from "../../infra/stderr-spinner.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import type { ProviderAccountSpec } from "../../providers/account-spec.js";
import type { RuntimeEnv } from "../../runtime.js";
import type { WizardPrompter } from "../../wizard/prompts.js";
import { applyAuthProfileConfig, applyProviderDefaultConfigFromSpec } from "../onboard-auth.config-shared.js";
import { setProviderApiKey } from "../onboard-auth.credentials.js";
import type { StoreProviderKey } from "../onboard-writes.js";
import { readAccountProfile, resolveAccountBaseUrl, type AccountProfile } from "./account-api.js";
import { signInWithBrowser, type SignInSurface } from "./device-sign-in.js";
import { PERSONAL, applyOrganizationConfig, configuredOrganization, describeOrganization, promptOrganization, resolveOrganizationFlag } from "./organization.js";

export type AccountSignInResult = { config: OpenClawConfig; profileId: string; email?: string; organizationId?: string | null; tokenPreviewSource: string };

function baseUrlFor(spec: ProviderAccountSpec, cfg: OpenClawConfig, env: EnvRecord, agentDir?: string): string {
  const baseUrl = resolveAccountBaseUrl({ cfg, env, providerId: spec.providerId, ...(agentDir ? { agentDir } : {}) });
  if (!baseUrl) throw new OpenClawError("ACCOUNT_NO_BASE_URL", `No base URL is known for ${spec.label}.`);
  return baseUrl;
}

/** The non-interactive surface: instructions and the QR code on stderr, a countdown spinner when it is a TTY. */
function stderrSignInSurface(runtime: RuntimeEnv): SignInSurface {
  const stream = process.stderr;
  return {
    show: async (lines, qr) => {
      if (qr) runtime.error(qr);
      for (const line of lines) runtime.error(line);
    },
    startProgress: (message) => {
      if (stream.isTTY) {
        const progress = startStderrProgress(message);
        return { update: progress.update, stop: () => progress.stop() };
      }
      runtime.error(message);
      return { update: () => undefined, stop: () => undefined };
    },
    terminal: stream.isTTY ? { columns: stream.columns, rows: stream.rows } : {},
  };
}

/** The wizard surface: a note with the URL, code and QR code, and the prompter's spinner. */
export function wizardSignInSurface(prompter: WizardPrompter): SignInSurface {
  const stream = process.stdout;
  return {
    show: async (lines, qr) => prompter.note([...(qr ? [qr] : []), ...lines].join("\n"), "Sign in with browser"),
    startProgress: (message) => prompter.progress(message),
    // The note's frame takes a few columns.
    terminal: stream.isTTY ? { columns: (stream.columns ?? 0) - 6, rows: stream.rows } : {},
  };
}

async function tryReadProfile(spec: ProviderAccountSpec, baseUrl: string, apiKey: string, env: EnvRecord): Promise<AccountProfile | undefined> {
  try {
    return await readAccountProfile({ spec, baseUrl, apiKey, env });
  } catch {
    return undefined;
  }
}

/** `--auth-choice <provider>-device` without prompts. Throws a one-line OpenClawError on any failure. */
export async function signInNonInteractive(params: {
  spec: ProviderAccountSpec;
  cfg: OpenClawConfig;
  env: EnvRecord;
  runtime: RuntimeEnv;
  agentDir?: string;
  noBrowser?: boolean;
  organization?: string;
  json?: boolean;
  /** How the token is stored; onboarding defers the write until the config is written. */
  storeKey?: StoreProviderKey;
}): Promise<AccountSignInResult> {
  const { spec, env, runtime } = params;
  const apiSpec = findApiKeyProvider(spec.providerId);
  if (!apiSpec) throw new OpenClawError("ACCOUNT_NO_PROVIDER", `${spec.label} has no API-key provider entry.`);
  const baseUrl = baseUrlFor(spec, params.cfg, env, params.agentDir);
  const signedIn = await signInWithBrowser({ spec, baseUrl, env, surface: stderrSignInSurface(runtime), noBrowser: params.noBrowser ?? false });

  let organizationId: string | null | undefined;
  let profile: AccountProfile | undefined;
  if (params.organization !== undefined) {
    profile = await readAccountProfile({ spec, baseUrl, apiKey: signedIn.token, env });
    organizationId = resolveOrganizationFlag(spec, profile, params.organization);
  } else {
    profile = await tryReadProfile(spec, baseUrl, signedIn.token, env);
  }
  const email = signedIn.email ?? profile?.email;

  await (params.storeKey ?? setProviderApiKey)(spec.providerId, signedIn.token, params.agentDir, { ...(email ? { email } : {}) });
  let config = applyAuthProfileConfig(params.cfg, { profileId: apiSpec.profileId, provider: spec.providerId, mode: "api_key", ...(email ? { email } : {}) });
  config = applyProviderDefaultConfigFromSpec(apiSpec, config);
  if (organizationId !== undefined) config = applyOrganizationConfig(config, spec.providerId, organizationId);

  const say = params.json ? runtime.error : runtime.log;
  say(`Signed in as ${email ?? "(email not reported)"}`);
  if (organizationId === undefined && profile && profile.organizations.length > 0 && !configuredOrganization(config, spec.providerId)) {
    runtime.error(
      `Your ${spec.label} account belongs to ${profile.organizations.map(describeOrganization).join(", ")}; requests use your personal account. Add ${spec.organization.cliFlag} <id> to use one.`,
    );
  }
  return { config, profileId: apiSpec.profileId, ...(email ? { email } : {}), ...(organizationId !== undefined ? { organizationId } : {}), tokenPreviewSource: "browser sign-in" };
}

/** `--<provider>-org` with an API key (flag, env or profile): checks it against the profile before anything is written. */
export async function resolveOrganizationForKey(params: {
  spec: ProviderAccountSpec;
  cfg: OpenClawConfig;
  env: EnvRecord;
  apiKey: string;
  organization: string;
  agentDir?: string;
}): Promise<string | null> {
  // Personal needs no account read (and works offline).
  if (params.organization.trim().toLowerCase() === PERSONAL) return null;
  const baseUrl = baseUrlFor(params.spec, params.cfg, params.env, params.agentDir);
  const profile = await readAccountProfile({ spec: params.spec, baseUrl, apiKey: params.apiKey, env: params.env });
  return resolveOrganizationFlag(params.spec, profile, params.organization);
}

/**
 * The wizard's organisation step after a credential is in place: reads the profile (bounded, with a
 * spinner) and, when the account has organisations, asks "Personal" or one of them. A failed read is a
 * note, not an error: the key still works for personal use.
 */
export async function wizardOrganizationStep(params: {
  spec: ProviderAccountSpec;
  prompter: WizardPrompter;
  cfg: OpenClawConfig;
  env: EnvRecord;
  apiKey: string;
  agentDir?: string;
  /** The config as it was before onboarding (its base URL is the one in effect; onboarding resets it). */
  baseUrlConfig?: OpenClawConfig;
}): Promise<OpenClawConfig> {
  const { spec, prompter } = params;
  let profile: AccountProfile;
  const progress = prompter.progress(`Reading your ${spec.label} account…`);
  try {
    profile = await readAccountProfile({ spec, baseUrl: baseUrlFor(spec, params.baseUrlConfig ?? params.cfg, params.env, params.agentDir), apiKey: params.apiKey, env: params.env });
    progress.stop(profile.email ? `Account: ${profile.email}` : "Account read");
  } catch (err) {
    progress.stop("Could not read the account");
    const reason = err instanceof Error ? err.message : String(err);
    await prompter.note(`${reason}\nSkipping the organisation choice; requests use the key's own scope.`, "Account");
    return params.cfg;
  }
  if (profile.organizations.length === 0) return params.cfg;
  const envOrg = spec.organization.envVar ? params.env[spec.organization.envVar]?.trim() : undefined;
  if (envOrg) {
    await prompter.note(`${spec.organization.envVar}=${envOrg} is set and overrides the organisation stored in the config.`, "Organisation");
  }
  const chosen = await promptOrganization({ prompter, spec, profile, ...(configuredOrganization(params.cfg, spec.providerId) ? { current: configuredOrganization(params.cfg, spec.providerId)! } : {}) });
  return applyOrganizationConfig(params.cfg, spec.providerId, chosen);
}
