/**
 * Non-interactive auth: one generic path for every API-key provider in the table. For `kilocode-api-key`
 * it resolves `--kilocode-api-key` > KILOCODE_API_KEY > an existing kilocode API-key profile, stores
 * `kilocode:default`, records `auth.profiles["kilocode:default"]` and applies `applyKilocodeConfig`.
 */
import { resolveEnvApiKeyVarName } from "../../../agents/model-auth.js";
import type { OpenClawConfig } from "../../../config/types.js";
import type { RuntimeEnv } from "../../../runtime.js";
import { API_KEY_PROVIDERS, findApiKeyProviderByAuthChoice } from "../../../providers/api-key-providers.js";
import { formatAuthChoiceChoicesForCli } from "../../auth-choice-options.js";
import { formatApiKeyPreview } from "../../auth-choice.api-key.js";
import { resolveAuthChoiceFromTokenProvider } from "../../auth-choice.apply.api-providers.js";
import { applyAuthProfileConfig, applyProviderDefaultConfigFromSpec } from "../../onboard-auth.config-shared.js";
import { providerKeyEnvVar, setProviderApiKey } from "../../onboard-auth.credentials.js";
import type { AuthChoice, OnboardOptions } from "../../onboard-types.js";
import { resolveNonInteractiveApiKey } from "../api-keys.js";
import { findAccountSpec, findAccountSpecByDeviceChoice } from "../../../providers/account-spec.js";
import { applyOrganizationConfig } from "../../account/organization.js";
import { resolveOrganizationForKey, signInNonInteractive } from "../../account/onboard-account.js";
import type { EnvRecord } from "../../../infra/env.js";
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
}): Promise<OpenClawConfig | null> {
  const { opts, runtime } = params;
  const env = params.env ?? process.env;
  if (params.authChoice === "skip") return params.nextConfig;

  let authChoice: AuthChoice = params.authChoice;
  if (authChoice === "token") {
    if (!opts.tokenProvider || !opts.token) {
      runtime.error("--auth-choice token requires --token-provider <id> and --token <token>.");
      return runtime.exit(1);
    }
    authChoice = resolveAuthChoiceFromTokenProvider("token", opts.tokenProvider);
    if (authChoice === "token") {
      runtime.error(`Unknown --token-provider "${opts.tokenProvider}". Use one of: ${API_KEY_PROVIDERS.map((provider) => provider.id).join(", ")}.`);
      return runtime.exit(1);
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
      envVar: providerKeyEnvVar(account.providerId),
      ...(signedIn.email ? { email: signedIn.email } : {}),
      ...(signedIn.organizationId !== undefined ? { organizationId: signedIn.organizationId } : {}),
    });
    return signedIn.config;
  }

  const spec = findApiKeyProviderByAuthChoice(authChoice);
  if (!spec) {
    runtime.error(`Unknown --auth-choice "${authChoice}". Valid: ${formatAuthChoiceChoicesForCli({ includeSkip: true })}`);
    return runtime.exit(1);
  }

  const flagValue = params.authChoice === "token" ? opts.token : opts[spec.flag.optionKey];
  const envVar = providerKeyEnvVar(spec.id);
  const resolved = await resolveNonInteractiveApiKey({
    provider: spec.id,
    cfg: params.baseConfig,
    flagValue,
    flagName: spec.flag.cliFlag,
    envVar,
    runtime,
    agentDir: params.agentDir,
    env,
  });
  if (!resolved) return null;

  const asRef = opts.secretInputMode === "ref";
  if (asRef && !resolveEnvApiKeyVarName(spec.id, env)) {
    runtime.error(`--secret-input-mode ref stores a reference to ${envVar}, but ${envVar} is not set. Export it, then re-run.`);
    return runtime.exit(1);
  }
  // `--<provider>-org` is checked against the account before anything is written.
  const orgAccount = opts.organization ? findAccountSpec(opts.organization.provider) : undefined;
  const organizationId =
    orgAccount && orgAccount.providerId === spec.id && opts.organization
      ? await resolveOrganizationForKey({ spec: orgAccount, cfg: params.baseConfig, env, apiKey: resolved.key, organization: opts.organization.id, ...(params.agentDir ? { agentDir: params.agentDir } : {}) })
      : undefined;
  if (resolved.source !== "profile") {
    await (params.storeKey ?? setProviderApiKey)(spec.id, resolved.key, params.agentDir, { secretInputMode: asRef ? "ref" : "plaintext" });
  }
  const profileId = resolved.profileId ?? spec.profileId;
  params.onStored?.({
    provider: spec.id,
    profileId,
    keySource:
      resolved.source === "flag"
        ? spec.flag.cliFlag
        : resolved.source === "env"
          ? `env: ${resolved.envVar ?? envVar}`
          : `profile:${profileId}`,
    keyPreview: formatApiKeyPreview(resolved.key),
    storedAs: asRef ? "keyRef" : "key",
    envVar,
    ...(organizationId !== undefined ? { organizationId } : {}),
  });
  const withProfile = applyAuthProfileConfig(params.nextConfig, { profileId, provider: spec.id, mode: "api_key" });
  const applied = applyProviderDefaultConfigFromSpec(spec, withProfile);
  return organizationId === undefined ? applied : applyOrganizationConfig(applied, spec.id, organizationId);
}
