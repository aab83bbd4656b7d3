/** The wizard's "Default model" step: the chosen provider's models first, manual entry, or keep. */
import { resolveEffectiveProviders } from "../agents/models-config.providers.js";
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
  load: () => Promise<{ refs: WizardSelectOption<string>[]; note?: string }>;
};

export function validateModelRefInput(value: string): string | undefined {
  const ref = parseModelRef(value);
  if (!ref || !value.includes("/")) return "Enter a model as provider/model, e.g. kilocode/anthropic/claude-opus-4.6";
  return undefined;
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
  if (picked === MANUAL) {
    return (await params.prompter.text({ message: "Model (provider/model)", validate: validateModelRefInput })).trim();
  }
  const extIndex = extra.findIndex((option) => option.value === picked);
  const extension = extIndex >= 0 ? extensions[extIndex] : undefined;
  if (extension) {
    const progress = params.prompter.progress(`Loading ${extension.label.toLowerCase()}…`);
    const loaded = await extension.load();
    progress.stop(loaded.note ?? `${loaded.refs.length} models`);
    return params.prompter.select({
      message: "Search models",
      options: loaded.refs,
      searchable: true,
      ...(defaultRef ? { initialValue: defaultRef } : {}),
    });
  }
  return picked;
}
