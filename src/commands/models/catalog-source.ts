/** Feeds `models list --all` (and the wizard) with the live Kilo catalog, with progress on a TTY. */
import { resolveApiKeyForProvider } from "../../agents/model-auth.js";
import { loadKilocodeCatalog, resolveKilocodeCatalogBaseUrl, type CatalogResult } from "../../agents/kilocode-models-cache.js";
import type { ModelDefinitionConfig, OpenClawConfig } from "../../config/types.js";
import { KILOCODE_PROVIDER_ID } from "../../providers/kilocode-shared.js";
import { startStderrSpinner } from "../../infra/stderr-spinner.js";
import type { ModelCatalogSource } from "./list.js";
import type { EnvRecord } from "../../infra/env.js";

/** The key is optional for the catalog: with one, bring-your-own-key models show up too. */
async function optionalKey(cfg: OpenClawConfig, env: EnvRecord): Promise<string | undefined> {
  try {
    return (await resolveApiKeyForProvider({ provider: KILOCODE_PROVIDER_ID, cfg, env })).apiKey;
  } catch {
    return undefined;
  }
}

export async function fetchKilocodeCatalogForConfig(params: {
  cfg: OpenClawConfig;
  env: EnvRecord;
  configured: readonly ModelDefinitionConfig[];
  refresh?: boolean;
}): Promise<CatalogResult> {
  const apiKey = await optionalKey(params.cfg, params.env);
  const organizationId = params.cfg.models?.providers?.kilocode?.organizationId;
  return loadKilocodeCatalog({
    configured: params.configured,
    baseUrl: resolveKilocodeCatalogBaseUrl(params.cfg, params.env),
    env: params.env,
    ...(apiKey ? { apiKey } : {}),
    ...(organizationId ? { organizationId } : {}),
    ...(params.refresh ? { refresh: true } : {}),
  });
}

export function describeCatalogResult(result: CatalogResult): string | undefined {
  if (result.error) return `Kilo catalog unavailable (${result.error.message}); showing configured and default models only.`;
  return undefined;
}

export function createCatalogSource(params: { cfg: OpenClawConfig; env: EnvRecord; showProgress: boolean }): ModelCatalogSource {
  return {
    providers: [KILOCODE_PROVIDER_ID],
    label: "live Kilo catalog",
    load: async ({ configured, refresh }) => {
      const spinner = params.showProgress ? startStderrSpinner("Fetching the Kilo model catalog…") : undefined;
      try {
        const result = await fetchKilocodeCatalogForConfig({ cfg: params.cfg, env: params.env, configured, refresh });
        const note = describeCatalogResult(result);
        return { models: result.models, ...(note ? { note } : {}) };
      } finally {
        spinner?.();
      }
    },
  };
}
