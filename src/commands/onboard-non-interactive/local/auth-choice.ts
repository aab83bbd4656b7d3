/**
 * Non-interactive auth: one generic path for every API-key provider in the table. For `kilocode-api-key`
 * the shared chain resolves `--kilocode-api-key` > `--token` (with `--token-provider kilocode`) >
 * KILOCODE_API_KEY > an existing usable kilocode profile, stores `kilocode:default`, records
 * `auth.profiles["kilocode:default"]` and applies `applyKilocodeConfig`. Every failure is an
 * `OpenClawError` carrying upstream's exact text, printed once by the CLI's formatter.
 */
import type { OpenClawConfig } from "../../../config/types.js";
import type { EnvRecord } from "../../../infra/env.js";
import { OpenClawError } from "../../../infra/errors.js";
import type { RuntimeEnv } from "../../../runtime.js";
import { API_KEY_PROVIDERS, findApiKeyProviderByAuthChoice, requireApiKeyProvider } from "../../../providers/api-key-providers.js";
import { formatAuthChoiceChoicesForCli } from "../../auth-choice-options.js";
import { formatApiKeyPreview } from "../../auth-choice.api-key.js";
import { resolveAuthChoiceFromTokenProvider } from "../../auth-choice.apply.api-providers.js";
import { applyAuthProfileConfig, applyProviderDefaultConfigFromSpec } from "../../onboard-auth.config-shared.js";
import { describeBaseUrlChange, resolveOnboardBaseUrl } from "../../onboard-base-url.js";
import { describeKeySource, keyChainOptionsFor, storeOnboardingKey } from "../../onboard-key-chain.js";
import type { AuthChoice, OnboardOptions } from "../../onboard-types.js";
import { resolveNonInteractiveApiKey } from "../api-keys.js";
import { findAccountSpec, findAccountSpecByDeviceChoice } from "../../../providers/account-spec.js";
import { applyOrganizationConfig } from "../../account/organization.js";
import { resolveOrganizationForKey, signInNonInteractive } from "../../account/onboard-account.js";
import type { StoreProviderKey } from "../../onboard-writes.js";

/** What was stored, for the summary; never the key itself. */
export type NonInteractiveAuthOutcome = {
  provider: string;
  profileId: string;
  keySource: string;
  keyPreview: string;
  storedAs: "key" | "keyRef";
  envVar: string;
  /** The signed-in account's email (browser sign-in). */
  email?: string;
  /** The organisation chosen with `--<provider>-org` (null: personal). */
  organizationId?: string | null;
};

export async function applyNonInteractiveAuthChoice(params: {
  nextConfig: OpenClawConfig;
  authChoice: AuthChoice;
  opts: OnboardOptions;
  runtime: RuntimeEnv;
  baseConfig: OpenClawConfig;
  agentDir?: string;
  env?: EnvRecord;
  onStored?: (outcome: NonInteractiveAuthOutcome) => void;
  /** How the key is stored; onboarding passes one that defers the write until the config is written. */
  storeKey?: StoreProviderKey;
}): Promise<OpenClawConfig> {
  const { opts, runtime } = params;
  const env = params.env ?? process.env;
  if (params.authChoice === "skip") return params.nextConfig;

  let authChoice: AuthChoice = params.authChoice;
  if (authChoice === "token") {
    if (!opts.tokenProvider || !opts.token) {
      throw new OpenClawError("ONBOARD_FLAG", "--auth-choice token requires --token-provider <id> and --token <token>.", {
        hint: "e.g. --auth-choice token --token-provider kilocode --token - (reads the token from stdin)",
      });
    }
    authChoice = resolveAuthChoiceFromTokenProvider("token", opts.tokenProvider);
    if (authChoice === "token") {
      throw new OpenClawError("ONBOARD_FLAG", `Unknown --token-provider "${opts.tokenProvider}". Use one of: ${API_KEY_PROVIDERS.map((provider) => provider.id).join(", ")}.`);
    }
  }

  const account = findAccountSpecByDeviceChoice(authChoice);
  if (account) {
    const organization = opts.organization?.provider === account.providerId ? opts.organization.id : undefined;
    const signedIn = await signInNonInteractive({
      spec: account,
      cfg: params.nextConfig,
      env,
      runtime,
      ...(params.agentDir ? { agentDir: params.agentDir } : {}),
      noBrowser: opts.noBrowser ?? false,
      ...(organization !== undefined ? { organization } : {}),
      json: opts.json ?? false,
      ...(params.storeKey ? { storeKey: params.storeKey } : {}),
    });
    params.onStored?.({
      provider: account.providerId,
      profileId: signedIn.profileId,
      keySource: signedIn.email ? `browser sign-in (${signedIn.email})` : "browser sign-in",
      keyPreview: "(token hidden)",
      storedAs: "key",
      envVar: requireApiKeyProvider(account.providerId).envVar,
      ...(signedIn.email ? { email: signedIn.email } : {}),
      ...(signedIn.organizationId !== undefined ? { organizationId: signedIn.organizationId } : {}),
    });
    return signedIn.config;
  }

  const spec = findApiKeyProviderByAuthChoice(authChoice);
  if (!spec) {
    throw new OpenClawError("ONBOARD_FLAG", `Unknown --auth-choice "${authChoice}".`, {
      hint: `Valid values: ${formatAuthChoiceChoicesForCli({ includeSkip: true })}`,
    });
  }

  const options = keyChainOptionsFor(spec, opts);
  const agentDir = params.agentDir ? { agentDir: params.agentDir } : {};
  const resolved = await resolveNonInteractiveApiKey({ spec, cfg: params.baseConfig, options, ...agentDir, env });
  // `--<provider>-org` is checked against the account before anything is written.
  const orgAccount = opts.organization ? findAccountSpec(opts.organization.provider) : undefined;
  const organizationId =
    orgAccount && orgAccount.providerId === spec.id && opts.organization
      ? await resolveOrganizationForKey({ spec: orgAccount, cfg: params.baseConfig, env, apiKey: resolved.key, organization: opts.organization.id, ...agentDir })
      : undefined;
  const stored = await storeOnboardingKey({ spec, resolved, options, ...agentDir, env, ...(params.storeKey ? { storeKey: params.storeKey } : {}) });
  params.onStored?.({
    provider: spec.id,
    profileId: stored.profileId,
    keySource: describeKeySource(spec, resolved),
    keyPreview: formatApiKeyPreview(resolved.key),
    storedAs: stored.storedAs === "keyRef" ? "keyRef" : "key",
    envVar: spec.envVar,
    ...(organizationId !== undefined ? { organizationId } : {}),
  });
  const withProfile = applyAuthProfileConfig(params.nextConfig, { profileId: stored.profileId, provider: spec.id, mode: stored.mode });
  const { baseUrl, change } = resolveOnboardBaseUrl(spec, params.baseConfig, env);
  if (change) runtime.error(describeBaseUrlChange(spec, change));
  const applied = applyProviderDefaultConfigFromSpec(spec, withProfile, { baseUrl });
  return organizationId === undefined ? applied : applyOrganizationConfig(applied, spec.id, organizationId);
}
