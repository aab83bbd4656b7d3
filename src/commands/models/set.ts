/** `openclaw models set <ref>` and `openclaw models fallbacks list|add|remove|clear`. */
import { configuredFallbackRefs, resolveConfiguredModelRef, modelKey } from "../../agents/model-selection.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { OpenClawError } from "../../infra/errors.js";
import type { RuntimeEnv } from "../../runtime.js";
import { checkModelRef } from "./model-ref-check.js";
import { addFallback, applyDefaultModel, clearFallbacks, isPrimaryModel, removeFallback } from "./model-list-config.js";

/**
 * One read-modify-write of the config: `edit` gets a fresh copy and returns the new config, or
 * undefined to leave the file alone. Throwing inside `edit` writes nothing.
 */
export type ConfigUpdate = (edit: (cfg: OpenClawConfig) => OpenClawConfig | undefined) => Promise<{ path: string }>;

export type ModelsEditContext = { update: ConfigUpdate; runtime: RuntimeEnv; env?: EnvRecord; json?: boolean };

function report(ctx: ModelsEditContext, human: string, json: Record<string, unknown>): void {
  ctx.runtime.log(ctx.json ? JSON.stringify(json, null, 2) : human);
}

function formatChain(fallbacks: readonly string[]): string {
  return fallbacks.length ? fallbacks.map((ref, index) => `  ${index + 1}. ${ref}`).join("\n") : "  (none)";
}

/** Checks `raw` on the fresh config, applies `apply` to it, then shows the check's note (if any). */
async function editWithRef(raw: string, ctx: ModelsEditContext, apply: (cfg: OpenClawConfig, key: string) => OpenClawConfig | undefined) {
  let key = "";
  let note: string | undefined;
  const { path } = await ctx.update((cfg) => {
    const checked = checkModelRef({ raw, cfg, ...(ctx.env ? { env: ctx.env } : {}) });
    key = checked.key;
    note = checked.note;
    return apply(cfg, key);
  });
  if (note) ctx.runtime.error(`Note: ${note}`);
  return { key, path };
}

export async function modelsSetCommand(raw: string, ctx: ModelsEditContext): Promise<void> {
  let droppedFallback = false;
  let fallbacks: string[] = [];
  const { key, path } = await editWithRef(raw, ctx, (cfg, ref) => {
    const edit = applyDefaultModel(cfg, ref);
    droppedFallback = edit.droppedFallback;
    fallbacks = configuredFallbackRefs(edit.cfg);
    return edit.cfg;
  });
  if (droppedFallback && !ctx.json) ctx.runtime.error(`Removed ${key} from the fallbacks (it is now the default).`);
  report(ctx, `Default model: ${key}\nConfig: ${path}`, { defaultModel: key, fallbacks, configPath: path });
}

export async function modelsFallbacksListCommand(cfg: OpenClawConfig, ctx: Pick<ModelsEditContext, "runtime" | "json">): Promise<void> {
  const primary = resolveConfiguredModelRef(cfg);
  const fallbacks = configuredFallbackRefs(cfg);
  const defaultModel = modelKey(primary.provider, primary.model);
  const human = [`Default model: ${defaultModel}`, `Fallbacks (${fallbacks.length}), tried in order when it fails:`, formatChain(fallbacks)].join("\n");
  ctx.runtime.log(ctx.json ? JSON.stringify({ defaultModel, fallbacks }, null, 2) : human);
}

export async function modelsFallbacksAddCommand(raw: string, ctx: ModelsEditContext): Promise<void> {
  let changed = false;
  let fallbacks: string[] = [];
  const { key, path } = await editWithRef(raw, ctx, (cfg, ref) => {
    if (isPrimaryModel(cfg, ref)) {
      throw new OpenClawError("FALLBACK_IS_PRIMARY", `${ref} is the default model; it cannot also be its own fallback.`, {
        hint: "Add a different model, or change the default with `openclaw models set <ref>`.",
      });
    }
    const edit = addFallback(cfg, ref);
    changed = edit.changed;
    fallbacks = edit.fallbacks;
    return edit.changed ? edit.cfg : undefined;
  });
  const headline = changed ? `Added fallback ${key}.` : `${key} is already a fallback; nothing changed.`;
  report(ctx, `${headline}\nFallbacks:\n${formatChain(fallbacks)}\nConfig: ${path}`, { added: changed, fallback: key, fallbacks, configPath: path });
}

export async function modelsFallbacksRemoveCommand(raw: string, ctx: ModelsEditContext): Promise<void> {
  let fallbacks: string[] = [];
  const { path } = await ctx.update((cfg) => {
    const edit = removeFallback(cfg, raw);
    if (!edit.changed) {
      const current = configuredFallbackRefs(cfg);
      throw new OpenClawError("FALLBACK_NOT_FOUND", `"${raw.trim()}" is not in agents.defaults.model.fallbacks.`, {
        hint: current.length ? `Current fallbacks: ${current.join(", ")}.` : "There are no fallbacks; add one with `openclaw models fallbacks add <ref>`.",
      });
    }
    fallbacks = edit.fallbacks;
    return edit.cfg;
  });
  report(ctx, `Removed fallback ${raw.trim()}.\nFallbacks:\n${formatChain(fallbacks)}\nConfig: ${path}`, { removed: raw.trim(), fallbacks, configPath: path });
}

export async function modelsFallbacksClearCommand(ctx: ModelsEditContext): Promise<void> {
  let cleared = 0;
  const { path } = await ctx.update((cfg) => {
    cleared = configuredFallbackRefs(cfg).length;
    const edit = clearFallbacks(cfg);
    return edit.changed ? edit.cfg : undefined;
  });
  report(ctx, cleared ? `Cleared ${cleared} fallback${cleared === 1 ? "" : "s"}.\nConfig: ${path}` : "There were no fallbacks; nothing changed.", {
    cleared,
    fallbacks: [],
    configPath: path,
  });
}
