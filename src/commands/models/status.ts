/** `openclaw models status`: the default model, whether it can run, and where each provider's key comes from. */
import { ensureAuthProfileStore, type AuthProfileStore } from "../../agents/auth-profiles/index.js";
import { resolveApiKeyForProvider } from "../../agents/model-auth.js";
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import { modelKey, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import type { RuntimeEnv } from "../../runtime.js";
import { formatApiKeyPreview } from "../auth-choice.api-key.js";
import type { EnvRecord } from "../../infra/env.js";

export type ProviderAuthStatus = {
  provider: string;
  baseUrl: string;
  api: string | null;
  source: string;
  usable: boolean;
  keySource: string | null;
  keyPreview: string | null;
  hint?: string;
};

export type ModelsStatus = {
  configPath: string;
  defaultModel: string;
  provider: string;
  usable: boolean;
  providers: ProviderAuthStatus[];
};

async function providerAuth(provider: string, cfg: OpenClawConfig, env: EnvRecord, store: AuthProfileStore) {
  try {
    const auth = await resolveApiKeyForProvider({ provider, cfg, env, store });
    return { usable: Boolean(auth.apiKey), keySource: auth.source, keyPreview: auth.apiKey ? formatApiKeyPreview(auth.apiKey) : null };
  } catch (err) {
    if (err instanceof OpenClawError && err.code === "NO_API_KEY") {
      return { usable: false, keySource: null, keyPreview: null, ...(err.hint ? { hint: err.hint } : {}) };
    }
    throw err;
  }
}

export async function buildModelsStatus(params: { cfg: OpenClawConfig; configPath: string; env?: EnvRecord }): Promise<ModelsStatus> {
  const env = params.env ?? process.env;
  const ref = resolveConfiguredModelRef(params.cfg);
  const store = ensureAuthProfileStore(undefined, { env });
  const providers = resolveEffectiveProviders({ cfg: params.cfg, env, store });
  const rows: ProviderAuthStatus[] = [];
  for (const provider of Object.values(providers)) {
    rows.push({
      provider: provider.id,
      baseUrl: provider.baseUrl,
      api: provider.api ?? null,
      source: provider.source,
      ...(await providerAuth(provider.id, params.cfg, env, store)),
    });
  }
  const current = rows.find((row) => row.provider === ref.provider);
  return {
    configPath: params.configPath,
    defaultModel: modelKey(ref.provider, ref.model),
    provider: ref.provider,
    usable: current?.usable ?? false,
    providers: rows,
  };
}

export async function modelsStatusCommand(params: {
  cfg: OpenClawConfig;
  configPath: string;
  json?: boolean;
  runtime: RuntimeEnv;
  env?: EnvRecord;
}): Promise<void> {
  const status = await buildModelsStatus(params);
  if (params.json) {
    params.runtime.log(JSON.stringify(status, null, 2));
    return;
  }
  const current = status.providers.find((row) => row.provider === status.provider);
  const lines = [
    `Config:        ${status.configPath}`,
    `Default model: ${status.defaultModel}`,
    `Provider:      ${status.provider}${current ? ` (${current.baseUrl})` : " (unknown provider)"}`,
    `Auth:          ${current?.usable ? `${current.keyPreview} from ${current.keySource}` : `missing${current?.hint ? ` (${current.hint})` : ""}`}`,
    "",
    "Providers:",
    ...status.providers.map((row) => {
      const auth = row.usable ? `usable  key ${row.keyPreview} from ${row.keySource}` : "no key";
      return `  ${row.provider.padEnd(11)} ${auth.padEnd(48)} ${row.baseUrl}${row.source === "implicit" ? "  (implicit: key found, no config block)" : ""}`;
    }),
  ];
  params.runtime.log(lines.join("\n"));
}
