/** The wizard's "Default model" step: the chosen provider's models first, manual entry, or keep. */
import { resolveEffectiveProviders, type EffectiveProvider } from "../agents/models-config.providers.js";
import { gatewayRefSuggestion } from "../agents/model-ref-suggest.js";
import { parseModelRef } from "../agents/model-selection.js";
import type { OpenClawConfig } from "../config/types.js";
import type { WizardPrompter, WizardSelectOption } from "../wizard/prompts.js";
import type { EnvRecord } from "../infra/env.js";

const MANUAL = "__manual__";
const KEEP = "__keep__";

/** Extra entries a provider can contribute (e.g. the live Kilo catalog), loaded only when asked for. */
export type ModelStepExtension = {
  provider: string;
  label: string;
  /** The spinner text while it loads, e.g. "Loading Kilo models…". */
  progressLabel: string;
  /** `failed`: the live list could not be loaded (the note says why; configured models are still offered). */
  load: () => Promise<{ refs: WizardSelectOption<string>[]; note?: string; failed?: boolean }>;
};

function validateModelRefInput(value: string): string | undefined {
  const ref = parseModelRef(value);
  if (!ref || !value.includes("/")) return "Enter a model as provider/model, e.g. kilocode/anthropic/claude-opus-4.6";
  return undefined;
}

/**
 * "Enter model manually": a ref whose provider is unknown is not stored as typed (the agent would refuse
 * it). When a gateway can serve it (`minimax/minimax-m2.5:free` -> `kilocode/minimax/minimax-m2.5:free`),
 * the gateway form is offered; otherwise the user is asked again.
 */
async function promptManualModelRef(
  prompter: WizardPrompter,
  providers: Record<string, EffectiveProvider>,
  preferredProvider: string | undefined,
): Promise<string> {
  const known = Object.keys(providers);
  const validate = (value: string): string | undefined => {
    const invalid = validateModelRefInput(value);
    if (invalid) return invalid;
    const ref = parseModelRef(value);
    if (ref && !providers[ref.provider] && !gatewayRefSuggestion(value.trim(), providers, { anyGateway: true })) {
      return `Unknown provider "${ref.provider}". Known providers: ${known.join(", ")}.`;
    }
    return undefined;
  };
  for (;;) {
    const typed = (await prompter.text({ message: "Model (provider/model)", validate })).trim();
    const ref = parseModelRef(typed);
    if (ref && providers[ref.provider]) return typed;
    const preferred = preferredProvider ? providers[preferredProvider] : undefined;
    const suggestion = gatewayRefSuggestion(typed, providers, {
      anyGateway: true,
      ...(preferred ? { eligible: (gateway: EffectiveProvider) => gateway.id === preferred.id } : {}),
    }) ?? gatewayRefSuggestion(typed, providers, { anyGateway: true });
    if (suggestion && (await prompter.confirm({ message: `"${ref?.provider}" is not a configured provider. Use ${suggestion}?`, initialValue: true }))) {
      return suggestion;
    }
  }
}

export async function promptDefaultModel(params: {
  prompter: WizardPrompter;
  cfg: OpenClawConfig;
  preferredProvider?: string;
  providerDefaultRef?: string;
  previousPrimary?: string;
  env?: EnvRecord;
  agentDir?: string;
  extensions?: readonly ModelStepExtension[];
}): Promise<string | undefined> {
  const providers = resolveEffectiveProviders({ cfg: params.cfg, env: params.env, agentDir: params.agentDir });
  const ids = params.preferredProvider ? [params.preferredProvider] : Object.keys(providers);
  const options: WizardSelectOption<string>[] = [];
  for (const id of ids) {
    for (const model of providers[id]?.models ?? []) {
      options.push({ value: `${id}/${model.id}`, label: `${id}/${model.id}`, hint: model.name });
    }
  }
  const defaultRef = params.providerDefaultRef;
  if (defaultRef) {
    const index = options.findIndex((option) => option.value === defaultRef);
    const [entry] = index >= 0 ? options.splice(index, 1) : [{ value: defaultRef, label: defaultRef, hint: "default" }];
    if (entry) options.unshift(entry);
  }
  const extensions = (params.extensions ?? []).filter((ext) => !params.preferredProvider || ext.provider === params.preferredProvider);
  const extra: WizardSelectOption<string>[] = extensions.map((ext, index) => ({ value: `__ext${index}`, label: ext.label }));
  const keep: WizardSelectOption<string>[] =
    params.previousPrimary && params.previousPrimary !== defaultRef
      ? [{ value: KEEP, label: `Keep current (${params.previousPrimary})` }]
      : [];

  const picked = await params.prompter.select({
    message: "Default model",
    options: [...options, ...extra, { value: MANUAL, label: "Enter model manually" }, ...keep],
    ...(defaultRef ? { initialValue: defaultRef } : {}),
  });
  if (picked === KEEP) return params.previousPrimary;
  if (picked === MANUAL) return promptManualModelRef(params.prompter, providers, params.preferredProvider);
  const extIndex = extra.findIndex((option) => option.value === picked);
  const extension = extIndex >= 0 ? extensions[extIndex] : undefined;
  if (extension) {
    const progress = params.prompter.progress(extension.progressLabel);
    const loaded = await extension.load();
    if (loaded.failed) progress.fail(loaded.note ?? "The model list could not be loaded.");
    else progress.stop(loaded.note ?? `${loaded.refs.length} models`);
    return params.prompter.select({
      message: "Search models",
      options: loaded.refs,
      searchable: true,
      ...(defaultRef ? { initialValue: defaultRef } : {}),
    });
  }
  return picked;
}
