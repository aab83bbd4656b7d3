/**
 * A provider's live catalog (the spec's `catalog` facet): `GET <baseUrl><path>` in OpenRouter's
 * `{data: [...]}` shape, mapped to model definitions. Rows that cannot be used for chat (image output, no
 * id) are skipped and counted. Kilo Gateway is the provider that has one today.
 */
import type { ModelDefinitionConfig, ModelInput } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { fetchJson } from "../infra/http-client.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { providerRequestHeaders } from "../providers/facets.js";
import type { ProviderCatalogSpec } from "../providers/spec.js";
import { isPlainObject } from "../infra/plain-object.js";
import type { EnvRecord } from "../infra/env.js";

/** Where a catalog request goes and as whom: the effective provider, resolved by the caller. */
export type CatalogTarget = { provider: string; baseUrl: string; apiKey?: string; organizationId?: string };

export function joinBaseUrl(baseUrl: string, path: string): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${path}`;
}

/** The spec's catalog facet; asking for the catalog of a provider without one is a programming error. */
export function requireCatalogSpec(provider: string): ProviderCatalogSpec {
  const catalog = requireApiKeyProvider(provider).catalog;
  if (!catalog) throw new Error(`Provider "${provider}" has no live catalog`);
  return catalog;
}

function perMillion(price: unknown): number {
  const value = typeof price === "string" || typeof price === "number" ? Number(price) : NaN;
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.round(value * 1_000_000 * 1e6) / 1e6;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Maps one catalog row, or returns undefined when it is not a usable chat model. */
export function mapCatalogRow(
  row: unknown,
  defaults: Pick<ProviderCatalogSpec, "defaultContextWindow" | "defaultMaxTokens">,
): ModelDefinitionConfig | undefined {
  if (!isPlainObject(row) || typeof row.id !== "string" || !row.id.trim()) return undefined;
  const architecture = isPlainObject(row.architecture) ? row.architecture : {};
  const outputs = strings(architecture.output_modalities);
  if (outputs.some((modality) => modality !== "text")) return undefined;
  const inputs = strings(architecture.input_modalities);
  const params = strings(row.supported_parameters);
  const pricing = isPlainObject(row.pricing) ? row.pricing : {};
  const topProvider = isPlainObject(row.top_provider) ? row.top_provider : {};
  const input: ModelInput[] = inputs.includes("image") ? ["text", "image"] : ["text"];
  const id = row.id.trim();
  return {
    id,
    name: typeof row.name === "string" && row.name.trim() ? row.name.trim() : id,
    reasoning: params.includes("reasoning") || params.includes("include_reasoning"),
    input,
    cost: {
      input: perMillion(pricing.prompt),
      output: perMillion(pricing.completion),
      cacheRead: perMillion(pricing.input_cache_read),
      cacheWrite: perMillion(pricing.input_cache_write),
    },
    contextWindow: positiveInt(row.context_length) ?? defaults.defaultContextWindow,
    maxTokens: positiveInt(topProvider.max_completion_tokens) ?? defaults.defaultMaxTokens,
  };
}

export function parseCatalog(provider: string, payload: unknown): { models: ModelDefinitionConfig[]; skipped: number } {
  const spec = requireApiKeyProvider(provider);
  const catalog = requireCatalogSpec(provider);
  if (!isPlainObject(payload) || !Array.isArray(payload.data)) {
    throw new OpenClawError("CATALOG_SHAPE", `The ${catalog.label} has no data array`, {
      hint: `Check models.providers.${spec.id}.baseUrl${spec.baseUrlEnvVar ? ` / ${spec.baseUrlEnvVar}` : ""} points at the gateway.`,
    });
  }
  const models: ModelDefinitionConfig[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const row of payload.data) {
    const model = mapCatalogRow(row, catalog);
    if (!model || seen.has(model.id)) {
      skipped++;
      continue;
    }
    seen.add(model.id);
    models.push(model);
  }
  return { models, skipped };
}

/** Fetches and parses the catalog of `target.provider` from `target.baseUrl`, as the caller resolved it. */
export async function discoverCatalogModels(
  params: CatalogTarget & { env?: EnvRecord; timeoutMs?: number },
): Promise<{ models: ModelDefinitionConfig[]; skipped: number }> {
  const env = params.env ?? process.env;
  const catalog = requireCatalogSpec(params.provider);
  const payload = await fetchJson(joinBaseUrl(params.baseUrl, catalog.path), {
    env,
    timeoutMs: params.timeoutMs ?? 5000,
    headers: {
      Accept: "application/json",
      ...providerRequestHeaders(params.provider, { env, ...(params.organizationId ? { organizationId: params.organizationId } : {}) }),
      ...(params.apiKey ? { Authorization: `Bearer ${params.apiKey}` } : {}),
    },
  }).catch((err: unknown) => {
    // Sent with a key (organisation allow-lists need it), a 401/403 means that key was refused.
    if (params.apiKey && err instanceof OpenClawError && (err.status === 401 || err.status === 403)) {
      const spec = requireApiKeyProvider(params.provider);
      throw new OpenClawError("CATALOG_FETCH", `The ${catalog.label} rejected the API key (${err.status})`, {
        hint: `Replace the key: openclaw onboard --non-interactive --auth-choice ${spec.authChoice} ${spec.flag.cliFlag} <new key>`,
        status: err.status,
      });
    }
    throw err;
  });
  return parseCatalog(params.provider, payload);
}
