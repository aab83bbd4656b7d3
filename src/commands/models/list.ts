/** `openclaw models list`: what the user can put after `--model`, with where each entry comes from. */
import type { CatalogTarget } from "../../agents/kilocode-models.js";
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import { aliasForModel, modelKey, resolveAllowedModelRefs, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import type { ModelDefinitionConfig, OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { normalizeProviderId } from "../../providers/api-key-providers.js";
import type { RuntimeEnv } from "../../runtime.js";
import type { EnvRecord } from "../../infra/env.js";
import { resolveCatalogTarget } from "./catalog-source.js";

export type ModelListRow = {
  ref: string;
  provider: string;
  id: string;
  name: string;
  contextWindow: number | null;
  maxTokens: number | null;
  input: string[];
  reasoning: boolean;
  alias?: string;
  isDefault: boolean;
  source: string;
};

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
}): Promise<{ rows: ModelListRow[]; hidden: number; notes: string[] }> {
  const { cfg, opts } = params;
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
    for (const model of models) {
      const ref = modelKey(provider.id, model.id);
      if (allowed && !allowed.has(ref)) {
        hidden++;
        continue;
      }
      const alias = aliasForModel(cfg, { provider: provider.id, model: model.id });
      rows.push({
        ref,
        provider: provider.id,
        id: model.id,
        name: model.name,
        contextWindow: model.contextWindow ?? null,
        maxTokens: model.maxTokens ?? null,
        input: model.input ?? ["text"],
        reasoning: model.reasoning ?? false,
        ...(alias ? { alias } : {}),
        isDefault: ref === primaryKey,
        source: provider.source,
      });
    }
  }
  return { rows, hidden, notes };
}

function formatContext(tokens: number | null): string {
  if (!tokens) return "-";
  return tokens >= 1000 ? `${Math.round(tokens / 1000)}k` : String(tokens);
}

export function formatModelTable(rows: readonly ModelListRow[]): string {
  const header = ["MODEL", "NAME", "CONTEXT", "INPUT", "TAGS"];
  const body = rows.map((row) => [
    row.ref,
    row.name,
    formatContext(row.contextWindow),
    row.input.join("+"),
    [row.isDefault ? "default" : "", row.alias ? `alias:${row.alias}` : "", row.reasoning ? "reasoning" : "", row.source === "config" ? "configured" : ""]
      .filter(Boolean)
      .join(","),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  return [header, ...body].map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}

export async function modelsListCommand(params: {
  cfg: OpenClawConfig;
  opts: ListOptions;
  runtime: RuntimeEnv;
  env?: EnvRecord;
  catalog?: ModelCatalogSource;
}): Promise<void> {
  const { rows, hidden, notes } = await buildModelList(params);
  if (params.opts.json) {
    params.runtime.log(JSON.stringify({ models: rows, hiddenByAllowlist: hidden, notes }, null, 2));
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
