/**
 * Live catalogs for `models list --all` and the wizard: every provider whose spec has a `catalog` facet.
 * The caller hands over the effective provider (base URL, organisation, key) it already resolved; the
 * cache and the fetch never recompute it.
 */
import { loadProviderCatalog, type CatalogResult } from "../../agents/kilocode-models-cache.js";
import type { CatalogTarget } from "../../agents/kilocode-models.js";
import { resolveApiKeyForProvider } from "../../agents/model-auth.js";
import type { EffectiveProvider } from "../../agents/models-config.providers.js";
import type { ModelDefinitionConfig, OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { startStderrSpinner } from "../../infra/stderr-spinner.js";
import { API_KEY_PROVIDERS, findApiKeyProvider } from "../../providers/api-key-providers.js";
import { resolveOrganizationId } from "../../providers/facets.js";
import type { ModelCatalogSource } from "./list.js";

/** Ids of the providers that have a live catalog. */
export function catalogProviderIds(): string[] {
  return API_KEY_PROVIDERS.filter((spec) => spec.catalog).map((spec) => spec.id);
}

/** "Kilo catalog" for kilocode; the provider id for anything without a catalog facet. */
export function catalogLabel(provider: string): string {
  return findApiKeyProvider(provider)?.catalog?.label ?? `${provider} catalog`;
}

/**
 * Where the catalog request for an effective provider goes and as whom. The key is optional: with one,
 * bring-your-own-key and organisation-only models show up too.
 */
export async function resolveCatalogTarget(
  provider: EffectiveProvider,
  params: { cfg: OpenClawConfig; env: EnvRecord },
): Promise<CatalogTarget> {
  let apiKey: string | undefined;
  try {
    apiKey = (await resolveApiKeyForProvider({ provider: provider.id, cfg: params.cfg, env: params.env })).apiKey;
  } catch {
    apiKey = undefined;
  }
  const organizationId = resolveOrganizationId(provider.id, { env: params.env, ...(provider.organizationId ? { configured: provider.organizationId } : {}) });
  return { provider: provider.id, baseUrl: provider.baseUrl, ...(apiKey ? { apiKey } : {}), ...(organizationId ? { organizationId } : {}) };
}

export function describeCatalogResult(provider: string, result: CatalogResult): string | undefined {
  if (result.error) return `${catalogLabel(provider)} unavailable (${result.error.message}); showing configured and default models only.`;
  return undefined;
}

export async function loadCatalogForTarget(params: {
  target: CatalogTarget;
  env: EnvRecord;
  configured: readonly ModelDefinitionConfig[];
  refresh?: boolean;
}): Promise<CatalogResult> {
  return loadProviderCatalog({ target: params.target, configured: params.configured, env: params.env, ...(params.refresh ? { refresh: true } : {}) });
}

export function createCatalogSource(params: { env: EnvRecord; showProgress: boolean }): ModelCatalogSource {
  return {
    providers: catalogProviderIds(),
    label: (provider) => `live ${catalogLabel(provider)}`,
    load: async ({ target, configured, refresh }) => {
      const spinner = params.showProgress ? startStderrSpinner(`Fetching the ${catalogLabel(target.provider)}…`) : undefined;
      try {
        const result = await loadCatalogForTarget({ target, env: params.env, configured, refresh });
        const note = describeCatalogResult(target.provider, result);
        return { models: result.models, ...(note ? { note } : {}) };
      } finally {
        spinner?.();
      }
    },
  };
}
