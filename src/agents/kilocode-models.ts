/**
 * The live Kilo Gateway catalog: `GET <baseUrl>models` (OpenRouter-style `{data: [...]}`) mapped to model
 * definitions. Rows that cannot be used for chat (image output, no id) are skipped and counted.
 */
import type { ModelDefinitionConfig, ModelInput } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { fetchJson } from "../infra/http-client.js";
import { KILOCODE_DEFAULT_CONTEXT_WINDOW, KILOCODE_DEFAULT_MAX_TOKENS } from "../providers/kilocode-shared.js";
import { isPlainObject } from "../config/env-substitution.js";
import type { EnvRecord } from "../infra/env.js";

export const KILOCODE_FEATURE_HEADER = "X-KILOCODE-FEATURE";
export const KILOCODE_ORG_HEADER = "X-KiloCode-OrganizationId";

/** Headers every Kilo request carries (chat and catalog). */
export function kilocodeHeaders(params: { env: EnvRecord; organizationId?: string }): Record<string, string> {
  const orgId = params.env.KILOCODE_ORG_ID?.trim() || params.organizationId?.trim();
  return {
    [KILOCODE_FEATURE_HEADER]: params.env.KILOCODE_FEATURE?.trim() || "openclaw",
    ...(orgId ? { [KILOCODE_ORG_HEADER]: orgId } : {}),
  };
}

export function joinBaseUrl(baseUrl: string, path: string): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${path}`;
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
export function mapKilocodeCatalogRow(row: unknown): ModelDefinitionConfig | undefined {
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
    contextWindow: positiveInt(row.context_length) ?? KILOCODE_DEFAULT_CONTEXT_WINDOW,
    maxTokens: positiveInt(topProvider.max_completion_tokens) ?? KILOCODE_DEFAULT_MAX_TOKENS,
  };
}

export function parseKilocodeCatalog(payload: unknown): { models: ModelDefinitionConfig[]; skipped: number } {
  if (!isPlainObject(payload) || !Array.isArray(payload.data)) {
    throw new OpenClawError("KILOCODE_CATALOG_SHAPE", "The Kilo model catalog has no data array", {
      hint: "Check models.providers.kilocode.baseUrl / KILOCODE_API_BASE_URL points at the gateway.",
    });
  }
  const models: ModelDefinitionConfig[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const row of payload.data) {
    const model = mapKilocodeCatalogRow(row);
    if (!model || seen.has(model.id)) {
      skipped++;
      continue;
    }
    seen.add(model.id);
    models.push(model);
  }
  return { models, skipped };
}

export async function discoverKilocodeModels(params: {
  baseUrl: string;
  apiKey?: string;
  organizationId?: string;
  env?: EnvRecord;
  timeoutMs?: number;
}): Promise<{ models: ModelDefinitionConfig[]; skipped: number }> {
  const env = params.env ?? process.env;
  const payload = await fetchJson(joinBaseUrl(params.baseUrl, "models"), {
    env,
    timeoutMs: params.timeoutMs ?? 5000,
    headers: {
      Accept: "application/json",
      ...kilocodeHeaders({ env, ...(params.organizationId ? { organizationId: params.organizationId } : {}) }),
      ...(params.apiKey ? { Authorization: `Bearer ${params.apiKey}` } : {}),
    },
  });
  return parseKilocodeCatalog(payload);
}
