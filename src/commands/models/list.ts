/** `openclaw models list`: what the user can put after `--model`, with where each entry comes from. */
import type { CatalogTarget } from "../../agents/kilocode-models.js";
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import { modelKey, parseModelRef, resolveAllowedModelRefs, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import type { ModelCost, ModelDefinitionConfig, OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { normalizeProviderId } from "../../providers/api-key-providers.js";
import type { RuntimeEnv } from "../../runtime.js";
import type { EnvRecord } from "../../infra/env.js";
import { resolveCatalogTarget } from "./catalog-source.js";
import { configuredModelKeys, formatTokenCount, isLocalBaseUrl, modelTags, readAgentModelView } from "./shared.js";

/**
 * One `models list --json` row: OpenClaw's fields first (`key` … `missing`, which scripts read), then
 * ours. `missing` rows are refs the agent config names that no provider defines.
 */
export type ModelListRow = {
  key: string;
  name: string;
  /** Input kinds joined with "+", e.g. "text+image" ("-" when missing). */
  input: string;
  contextWindow: number | null;
  local: boolean | null;
  available: boolean | null;
  tags: string[];
  missing: boolean;
  provider: string;
  id: string;
  maxTokens: number | null;
  reasoning: boolean;
  /** USD per million tokens (the live catalog's real prices; zero for onboarding's catalog). */
  cost: ModelCost | null;
  source: string;
};

export type ModelListJson = { count: number; models: ModelListRow[]; hiddenByAllowlist: number; notes: string[] };

/** The `--json` document (pure, so other commands can reuse it). */
export function buildModelListJson(list: { rows: ModelListRow[]; hidden: number; notes: string[] }): ModelListJson {
  return { count: list.rows.length, models: list.rows, hiddenByAllowlist: list.hidden, notes: list.notes };
}

/** Whether the provider has a usable key (profile, env or config); the catalog never needs one. */
export type ProviderAvailability = (provider: string) => Promise<boolean>;

/**
 * Supplies extra models for some providers (live catalogs); `configured` models always stay. The caller
 * passes the effective provider as a `target` (base URL, organisation, key).
 */
export type ModelCatalogSource = {
  providers: readonly string[];
  label: (provider: string) => string;
  load: (params: { target: CatalogTarget; configured: ModelDefinitionConfig[]; refresh: boolean }) => Promise<{ models: ModelDefinitionConfig[]; note?: string }>;
};

export type ListOptions = { provider?: string; all?: boolean; json?: boolean; refresh?: boolean };

export async function buildModelList(params: {
  cfg: OpenClawConfig;
  env?: EnvRecord;
  opts: ListOptions;
  catalog?: ModelCatalogSource;
  isAvailable?: ProviderAvailability;
}): Promise<{ rows: ModelListRow[]; hidden: number; notes: string[] }> {
  const { cfg, opts } = params;
  const view = readAgentModelView(cfg);
  const providers = resolveEffectiveProviders({ cfg, env: params.env });
  const wanted = opts.provider ? normalizeProviderId(opts.provider) : undefined;
  if (wanted && !providers[wanted]) {
    throw new OpenClawError("UNKNOWN_PROVIDER", `Unknown provider "${opts.provider}" for --provider.`, {
      hint: `Known providers: ${Object.keys(providers).join(", ")}`,
    });
  }
  const primary = resolveConfiguredModelRef(cfg);
  const primaryKey = modelKey(primary.provider, primary.model);
  const allowed = opts.all ? undefined : resolveAllowedModelRefs(cfg);
  const rows: ModelListRow[] = [];
  const notes: string[] = [];
  let hidden = 0;
  for (const provider of Object.values(providers)) {
    if (wanted && provider.id !== wanted) continue;
    let models = provider.models;
    const catalog = params.catalog?.providers.includes(provider.id) ? params.catalog : undefined;
    if (catalog && !opts.all && wanted === provider.id) {
      notes.push(`Showing configured models only; add --all to include the ${catalog.label(provider.id)}.`);
    }
    if (catalog && opts.all) {
      const target = await resolveCatalogTarget(provider, { cfg, env: params.env ?? process.env });
      const extra = await catalog.load({ target, configured: models, refresh: opts.refresh ?? false });
      models = extra.models;
      if (extra.note) notes.push(extra.note);
    }
    const available = (await params.isAvailable?.(provider.id)) ?? null;
    const local = isLocalBaseUrl(provider.baseUrl);
    for (const model of models) {
      const key = modelKey(provider.id, model.id);
      if (allowed && !allowed.has(key)) {
        hidden++;
        continue;
      }
      rows.push({
        key,
        name: model.name,
        input: (model.input ?? ["text"]).join("+"),
        contextWindow: model.contextWindow ?? null,
        local,
        available,
        tags: modelTags(key, cfg, primaryKey, view),
        missing: false,
        provider: provider.id,
        id: model.id,
        maxTokens: model.maxTokens ?? null,
        reasoning: model.reasoning ?? false,
        cost: model.cost ?? null,
        source: provider.source,
      });
    }
  }
  // Refs the config names that no provider defines: listed (as OpenClaw does) so a typo is visible, and so
  // a default picked from a gateway's live catalog never vanishes from the list (it shows as "missing").
  const listed = new Set(rows.map((row) => row.key));
  for (const key of configuredModelKeys(cfg, view)) {
    const ref = parseModelRef(key);
    if (!ref || listed.has(key) || (wanted && ref.provider !== wanted) || providers[ref.provider]?.models.some((model) => model.id === ref.model)) continue;
    if (allowed && !allowed.has(key)) continue;
    rows.push({
      key,
      name: key,
      input: "-",
      contextWindow: null,
      local: null,
      available: null,
      tags: modelTags(key, cfg, primaryKey, view),
      missing: true,
      provider: ref.provider,
      id: ref.model,
      maxTokens: null,
      reasoning: false,
      cost: null,
      source: "config",
    });
  }
  return { rows, hidden, notes };
}

export function formatModelTable(rows: readonly ModelListRow[]): string {
  const header = ["MODEL", "NAME", "CONTEXT", "INPUT", "AUTH", "TAGS"];
  const body = rows.map((row) => [
    row.key,
    row.name,
    formatTokenCount(row.contextWindow),
    row.input,
    row.available === null ? "-" : row.available ? "yes" : "no",
    [...row.tags, ...(row.reasoning ? ["reasoning"] : []), ...(row.missing ? ["missing"] : [])].join(","),
  ]);
  // Loops, not Math.max(...rows): spreading a 100 000-row catalog into arguments overflows the stack.
  const widths = header.map((title) => title.length);
  for (const cells of body) {
    for (let column = 0; column < widths.length; column++) widths[column] = Math.max(widths[column]!, cells[column]!.length);
  }
  const lines = new Array<string>(body.length + 1);
  lines[0] = formatRow(header, widths);
  for (let index = 0; index < body.length; index++) lines[index + 1] = formatRow(body[index]!, widths);
  return lines.join("\n");
}

function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
}

export async function modelsListCommand(params: {
  cfg: OpenClawConfig;
  opts: ListOptions;
  runtime: RuntimeEnv;
  env?: EnvRecord;
  catalog?: ModelCatalogSource;
  isAvailable?: ProviderAvailability;
}): Promise<void> {
  const { rows, hidden, notes } = await buildModelList(params);
  if (params.opts.json) {
    params.runtime.log(JSON.stringify(buildModelListJson({ rows, hidden, notes }), null, 2));
    return;
  }
  params.runtime.log(rows.length ? formatModelTable(rows) : "No models.");
  for (const note of notes) params.runtime.error(note);
  if (hidden > 0) {
    params.runtime.error(
      `${hidden} more model(s) hidden: agents.defaults.models in openclaw.json acts as an allowlist. Use --all to list everything.`,
    );
  }
}
