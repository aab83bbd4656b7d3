/**
 * A provider's live catalog (the spec's `catalog` facet): `GET <baseUrl><path>` in OpenRouter's
 * `{data: [...]}` shape, mapped to model definitions. Rows that cannot be used for chat (image output, no
 * id) are skipped and counted. Kilo Gateway is the provider that has one today.
 */
import type { ModelCost, ModelDefinitionConfig, ModelInput } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { fetchStreaming, type BodyReader } from "../infra/http-client.js";
import { ArrayFieldReader, type ArrayFieldDocument, type ArrayFieldSink } from "../infra/json-array-field.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { providerRequestHeaders } from "../providers/facets.js";
import type { ProviderCatalogSpec } from "../providers/spec.js";
import { IdIndex } from "../infra/id-index.js";
import { isPlainObject } from "../infra/plain-object.js";
import { sharedModelCost } from "./model-cost-pool.js";
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

// A catalog repeats a few dozen price strings over all its rows; converting each once halves the cost.
// Bounded, so a catalog of all-different prices cannot grow it without limit.
const pricesSeen = new Map<string, number>();

function perMillionOf(price: unknown): number {
  if (typeof price !== "string") return perMillion(price);
  let value = pricesSeen.get(price);
  if (value === undefined) {
    if (pricesSeen.size >= 4096) pricesSeen.clear();
    value = perMillion(price);
    pricesSeen.set(price, value);
  }
  return value;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

// Per-row helpers read the wire arrays in place: a catalog can hold hundreds of thousands of rows, and a
// filtered copy of three small arrays per row was most of the mapping's garbage.

/** Whether `value` is an array holding the string `wanted` (other items ignored). */
function hasString(value: unknown, wanted: string): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (value[index] === wanted) return true;
  return false;
}

/** Whether `value` is an array holding a string other than "text" (an image/audio output model). */
function hasNonTextString(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item === "string" && item !== "text") return true;
  }
  return false;
}

// Shared by every row (frozen, so a caller that tried to edit one would fail loudly, not edit them all).
export const TEXT_INPUT = Object.freeze(["text"]) as unknown as ModelInput[];
export const TEXT_IMAGE_INPUT = Object.freeze(["text", "image"]) as unknown as ModelInput[];
const NO_OBJECT: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function trimmedString(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** Maps one catalog row, or returns undefined when it is not a usable chat model. */
export function mapCatalogRow(
  row: unknown,
  defaults: Pick<ProviderCatalogSpec, "defaultContextWindow" | "defaultMaxTokens">,
): ModelDefinitionConfig | undefined {
  if (!isPlainObject(row)) return undefined;
  const id = trimmedString(row.id);
  if (!id) return undefined;
  const architecture = isPlainObject(row.architecture) ? row.architecture : NO_OBJECT;
  if (hasNonTextString(architecture.output_modalities)) return undefined;
  const pricing = isPlainObject(row.pricing) ? row.pricing : NO_OBJECT;
  const topProvider = isPlainObject(row.top_provider) ? row.top_provider : NO_OBJECT;
  const params = row.supported_parameters;
  return new CatalogModel(
    id,
    trimmedString(row.name) || id,
    hasString(params, "reasoning") || hasString(params, "include_reasoning"),
    hasString(architecture.input_modalities, "image") ? TEXT_IMAGE_INPUT : TEXT_INPUT,
    sharedModelCost(
      perMillionOf(pricing.prompt),
      perMillionOf(pricing.completion),
      perMillionOf(pricing.input_cache_read),
      perMillionOf(pricing.input_cache_write),
    ),
    positiveInt(row.context_length) ?? defaults.defaultContextWindow,
    positiveInt(topProvider.max_completion_tokens) ?? defaults.defaultMaxTokens,
  );
}

/**
 * A catalog model, made by a constructor rather than an object literal: V8 tracks a literal's allocation
 * site, and its decisions about where to put 100 000 such objects changed twice while they were made,
 * each time throwing away the mapping loop's optimized code. The keys are a literal's, in its order.
 */
class CatalogModel implements ModelDefinitionConfig {
  constructor(
    public id: string,
    public name: string,
    public reasoning: boolean,
    public input: ModelInput[],
    public cost: ModelCost,
    public contextWindow: number,
    public maxTokens: number,
  ) {}
}

/** A catalog's usable models (each id once), how many rows were skipped, and where each id sits. */
type CatalogRows = { models: ModelDefinitionConfig[]; skipped: number; positionOf: (id: string) => number };

/** Maps rows as they come; unusable rows and repeated ids are counted as skipped. */
function catalogRowSink(catalog: ProviderCatalogSpec): ArrayFieldSink & { result(): CatalogRows } {
  let models: ModelDefinitionConfig[] = [];
  let seen = new IdIndex(models);
  let skipped = 0;
  return {
    start() {
      models = [];
      seen = new IdIndex(models);
      skipped = 0;
    },
    items(batch) {
      for (let index = 0; index < batch.length; index++) {
        const model = mapCatalogRow(batch[index], catalog);
        if (!model || !seen.add(model.id, models.length)) {
          skipped++;
          continue;
        }
        models.push(model);
      }
    },
    result: () => {
      const index = seen;
      return { models, skipped, positionOf: (id: string) => index.positionOf(id) };
    },
  };
}

function catalogShapeError(provider: string): OpenClawError {
  const spec = requireApiKeyProvider(provider);
  return new OpenClawError("CATALOG_SHAPE", `The ${requireCatalogSpec(provider).label} has no data array`, {
    hint: `Check models.providers.${spec.id}.baseUrl${spec.baseUrlEnvVar ? ` / ${spec.baseUrlEnvVar}` : ""} points at the gateway.`,
  });
}

export function parseCatalog(provider: string, payload: unknown): CatalogRows {
  if (!isPlainObject(payload) || !Array.isArray(payload.data)) throw catalogShapeError(provider);
  const sink = catalogRowSink(requireCatalogSpec(provider));
  sink.start();
  sink.items(payload.data);
  return sink.result();
}

/** A catalog reply larger than this is refused: its rows, mapped and listed, would need several GB. */
export const MAX_CATALOG_BYTES = 512 * 1024 * 1024;

/**
 * Fetches the catalog of `target.provider` from `target.baseUrl`, as the caller resolved it. The reply is
 * parsed and mapped a batch of rows at a time as it arrives (infra/json-array-field), never held whole.
 */
export async function discoverCatalogModels(
  params: CatalogTarget & { env?: EnvRecord; timeoutMs?: number; maxBytes?: number },
): Promise<CatalogRows> {
  const env = params.env ?? process.env;
  const catalog = requireCatalogSpec(params.provider);
  const maxBytes = params.maxBytes ?? MAX_CATALOG_BYTES;
  const sink = catalogRowSink(catalog);
  const reply = await fetchStreaming(
    joinBaseUrl(params.baseUrl, catalog.path),
    {
      env,
      timeoutMs: params.timeoutMs ?? 5000,
      headers: {
        Accept: "application/json",
        ...providerRequestHeaders(params.provider, { env, ...(params.organizationId ? { organizationId: params.organizationId } : {}) }),
        ...(params.apiKey ? { Authorization: `Bearer ${params.apiKey}` } : {}),
      },
    },
    catalogBodyReader(new ArrayFieldReader("data", sink), () => catalogTooLargeError(params.provider, maxBytes), maxBytes),
  ).catch((err: unknown) => {
    throw catalogFetchError(params, err);
  });
  if (!isPlainObject(reply.document) || !reply.fieldIsArray) throw catalogShapeError(params.provider);
  return sink.result();
}

/** The reply's bytes into `reader`, refused once more than `maxBytes` came. */
function catalogBodyReader(reader: ArrayFieldReader, tooLarge: () => Error, maxBytes: number): BodyReader<ArrayFieldDocument> {
  let bytes = 0;
  return {
    write(part) {
      bytes += part.byteLength;
      if (bytes > maxBytes) throw tooLarge();
      reader.write(part);
    },
    end: () => reader.end(),
  };
}

function catalogTooLargeError(provider: string, maxBytes: number): OpenClawError {
  const spec = requireApiKeyProvider(provider);
  return new OpenClawError("CATALOG_TOO_LARGE", `The ${requireCatalogSpec(provider).label} is over ${Math.round(maxBytes / 1024 / 1024)} MiB, too large to read`, {
    hint: `Add the models you use to models.providers.${spec.id}.models in openclaw.json; they are listed and usable without the live catalog.`,
  });
}

/** What a failed catalog request tells the user: the client's error, made specific where we know more. */
function catalogFetchError(params: Pick<CatalogTarget, "provider" | "apiKey">, err: unknown): unknown {
  const spec = requireApiKeyProvider(params.provider);
  const catalog = requireCatalogSpec(params.provider);
  // Sent with a key (organisation allow-lists need it), a 401/403 means that key was refused.
  if (params.apiKey && err instanceof OpenClawError && (err.status === 401 || err.status === 403)) {
    return new OpenClawError("CATALOG_FETCH", `The ${catalog.label} rejected the API key (${err.status})`, {
      hint: `Replace the key: openclaw onboard --non-interactive --auth-choice ${spec.authChoice} ${spec.flag.cliFlag} <new key>`,
      status: err.status,
    });
  }
  return err;
}
