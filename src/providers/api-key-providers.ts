/**
 * The provider table: every API-key provider this slice knows, one spec file each. The onboarding types
 * (`AuthChoice`, option keys, group ids) are derived from it at the type level, and everything at runtime
 * (CLI flags, the wizard's picker, key lookup, credential setters, config appliers, request building) reads
 * the entries below. Adding a gateway means adding one spec file and one line here.
 */
import { anthropic } from "./anthropic.js";
import { kilocode } from "./kilocode.js";
import { openai } from "./openai.js";
import { openrouter } from "./openrouter.js";
import {
  authChoiceFor,
  canonicalEnvVarFor,
  cliFlagFor,
  defaultModelRefFor,
  defaultProfileIdFor,
  optionKeyFor,
  type AuthChoiceOf,
  type OptionKeyOf,
  type ProviderSpec,
} from "./spec.js";

/** Table order is user-visible (picker, flag list, error texts): upstream's, with openrouter before kilocode. */
export const PROVIDER_SPECS = [anthropic, openai, openrouter, kilocode] as const;

type BuiltInSpec = (typeof PROVIDER_SPECS)[number];
export type BuiltInProviderId = BuiltInSpec["id"];
/** `"apiKey" | "openai-api-key" | "openrouter-api-key" | "kilocode-api-key"` */
export type ApiKeyAuthChoice = BuiltInSpec extends infer S ? (S extends ProviderSpec ? AuthChoiceOf<S> : never) : never;
/** `"anthropicApiKey" | ... | "kilocodeApiKey"` */
export type ProviderApiKeyOptionKey = BuiltInSpec extends infer S ? (S extends ProviderSpec ? OptionKeyOf<S> : never) : never;
export type ProviderGroupId = BuiltInProviderId;

/**
 * A spec plus the names derived from its id. The name types are the built-in table's unions; a spec added
 * with `registerProviderSpec` extends them at runtime, which every consumer handles (lookups by string).
 */
export type ApiKeyProviderSpec = ProviderSpec & {
  authChoice: ApiKeyAuthChoice;
  /** The wizard's provider group (its id is the provider id) and the API-key option inside it. */
  group: { label: string; hint: string };
  option: { label: string; hint?: string };
  promptMessage: string;
  profileId: string;
  defaultModelRef: string;
  /** The canonical API-key env var (what `keyRef`s and hints name). */
  envVar: string;
  flag: { optionKey: ProviderApiKeyOptionKey; cliFlag: `--${string}`; cliOption: `--${string} <key>`; description: string };
};

function describeSpec(spec: ProviderSpec): ApiKeyProviderSpec {
  const cliFlag = cliFlagFor(spec);
  const keyLabel = `${spec.label} API key`;
  return {
    ...spec,
    authChoice: authChoiceFor(spec) as ApiKeyAuthChoice,
    group: { label: spec.label, hint: spec.hints?.group ?? "API key" },
    option: { label: keyLabel, ...(spec.hints?.option ? { hint: spec.hints.option } : {}) },
    promptMessage: `Enter ${keyLabel}`,
    profileId: defaultProfileIdFor(spec),
    defaultModelRef: defaultModelRefFor(spec),
    envVar: canonicalEnvVarFor(spec),
    flag: { optionKey: optionKeyFor(spec) as ProviderApiKeyOptionKey, cliFlag, cliOption: `${cliFlag} <key>`, description: keyLabel },
  };
}

const entries: ApiKeyProviderSpec[] = PROVIDER_SPECS.map(describeSpec);
const listeners: (() => void)[] = [];

/** The live table (built-ins plus any registered spec), in order. */
export const API_KEY_PROVIDERS: readonly ApiKeyProviderSpec[] = entries;

/**
 * Lists derived from the table (flag rows, picker groups...) are built with this, so they follow
 * `registerProviderSpec` without anyone re-reading the table.
 */
export function derivedFromProviders<T>(derive: (providers: readonly ApiKeyProviderSpec[]) => T[]): readonly T[] {
  const list: T[] = derive(entries);
  listeners.push(() => {
    list.splice(0, list.length, ...derive(entries));
  });
  return list;
}

/**
 * Adds a provider from one spec object (a test's throwaway gateway, or the next gateway before it gets a
 * file). Returns a function that removes it again.
 */
export function registerProviderSpec(spec: ProviderSpec): () => void {
  if (findApiKeyProvider(spec.id)) throw new Error(`Provider "${spec.id}" is already registered`);
  const entry = describeSpec(spec);
  entries.push(entry);
  for (const listener of listeners) listener();
  return () => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
    for (const listener of listeners) listener();
  };
}

/** Provider ids compare trimmed and lowercased everywhere (config keys, refs, profiles). */
export function normalizeProviderId(provider: string): string {
  return provider.trim().toLowerCase();
}

export function findApiKeyProvider(providerId: string): ApiKeyProviderSpec | undefined {
  const id = normalizeProviderId(providerId);
  return entries.find((spec) => spec.id === id);
}

export function findApiKeyProviderByAuthChoice(choice: string): ApiKeyProviderSpec | undefined {
  return entries.find((spec) => spec.authChoice === choice);
}

/** Looks a provider up by id, failing loudly: used for the design's per-provider named exports. */
export function requireApiKeyProvider(providerId: string): ApiKeyProviderSpec {
  const spec = findApiKeyProvider(providerId);
  if (!spec) throw new Error(`Unknown API-key provider "${providerId}"`);
  return spec;
}
