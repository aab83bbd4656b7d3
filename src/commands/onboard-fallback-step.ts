/**
 * The wizard's "free fallback" step: after a paid default model, offer a model the gateway serves for
 * free (its anonymous tier), so running out of credits moves the conversation there instead of stopping.
 */
import { resolveEffectiveProviders } from "../agents/models-config.providers.js";
import { configuredFallbackRefs, modelKey, parseModelRef } from "../agents/model-selection.js";
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { findApiKeyProvider } from "../providers/api-key-providers.js";
import { anonymousTierFor } from "../providers/facets.js";
import type { WizardPrompter, WizardSelectOption } from "../wizard/prompts.js";
import { addFallback } from "./models/model-list-config.js";

const NO_FALLBACK = "__none__";

/** Free models (served without a key) of the default model's provider first, then of the others. */
export function freeFallbackOptions(params: { cfg: OpenClawConfig; primary: string; env?: EnvRecord; agentDir?: string }): WizardSelectOption<string>[] {
  const primary = parseModelRef(params.primary);
  const providers = Object.values(resolveEffectiveProviders({ cfg: params.cfg, env: params.env, agentDir: params.agentDir }));
  const ordered = [...providers.filter((provider) => provider.id === primary?.provider), ...providers.filter((provider) => provider.id !== primary?.provider)];
  return ordered.flatMap((provider) =>
    provider.models
      .filter((model) => anonymousTierFor(provider.id, model.id) !== undefined)
      .map((model) => ({ value: modelKey(provider.id, model.id), label: modelKey(provider.id, model.id), hint: model.name })),
  );
}

/**
 * Offers one free fallback when the new default is paid and no fallbacks are configured yet. Returns the
 * config with the fallback added, or unchanged when nothing fits or the user declines.
 */
export async function promptFreeFallback(params: {
  prompter: WizardPrompter;
  cfg: OpenClawConfig;
  primary: string;
  env?: EnvRecord;
  agentDir?: string;
}): Promise<OpenClawConfig> {
  const primary = parseModelRef(params.primary);
  if (!primary || anonymousTierFor(primary.provider, primary.model) || configuredFallbackRefs(params.cfg).length > 0) return params.cfg;
  const options = freeFallbackOptions(params);
  if (options.length === 0) return params.cfg;
  const label = findApiKeyProvider(primary.provider)?.label ?? primary.provider;
  const choice = await params.prompter.select({
    message: `Fallback when ${label} credits run out (or the model is down)`,
    options: [...options, { value: NO_FALLBACK, label: "No fallback", hint: "the run stops with the error" }],
    initialValue: options[0]?.value,
  });
  return choice === NO_FALLBACK ? params.cfg : addFallback(params.cfg, choice).cfg;
}
