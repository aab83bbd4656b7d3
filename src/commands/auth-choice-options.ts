/** The auth picker's menu and the `--auth-choice` help text, derived from the provider table. */
import type { AuthProfileStore } from "../agents/auth-profiles/index.js";
import { findAccountSpec } from "../providers/account-spec.js";
import { derivedFromProviders } from "../providers/api-key-providers.js";
import type { AuthChoice, AuthChoiceGroupId } from "./onboard-types.js";

export type AuthChoiceOption = { value: AuthChoice; label: string; hint?: string };
export type AuthChoiceGroup = { value: AuthChoiceGroupId; label: string; hint?: string; options: AuthChoiceOption[] };
export type AuthChoiceGroupDef = { value: AuthChoiceGroupId; label: string; hint: string; choices: AuthChoice[] };

/** Choices that are not a provider's API key. */
const TOKEN_OPTION: AuthChoiceOption = {
  value: "token",
  label: "Paste a token",
  hint: "with --token-provider <id> --token <token>",
};
const SKIP_OPTION = { value: "skip", label: "Skip for now" } as const;

/** Older names OpenClaw still accepts on the command line (help text only; this slice rejects them). */
const LEGACY_ALIASES = ["setup-token", "oauth", "claude-cli", "codex-cli"] as const;

/** "Sign in with browser" for providers whose account spec has a device-code sign-in. */
function deviceChoices(providerId: string): AuthChoiceOption[] {
  const account = findAccountSpec(providerId);
  return account ? [{ value: account.deviceAuth.authChoice, label: account.deviceAuth.option.label, hint: account.deviceAuth.option.hint }] : [];
}

/** One group per provider; the group id is the provider id. */
export const AUTH_CHOICE_GROUP_DEFS: readonly AuthChoiceGroupDef[] = derivedFromProviders((providers) =>
  providers.map((spec) => ({
    value: spec.id as AuthChoiceGroupId,
    label: spec.group.label,
    hint: spec.group.hint,
    choices: [spec.authChoice, ...deviceChoices(spec.id).map((option) => option.value)],
  })),
);

const BASE_AUTH_CHOICE_OPTIONS: readonly AuthChoiceOption[] = derivedFromProviders((providers) => [
  ...providers.flatMap((spec) => [
    {
      value: spec.authChoice,
      label: spec.option.label,
      ...(spec.option.hint ? { hint: spec.option.hint } : {}),
    },
    ...deviceChoices(spec.id),
  ]),
  TOKEN_OPTION,
]);

export const ALL_AUTH_CHOICES: readonly AuthChoice[] = derivedFromProviders(() => [...BASE_AUTH_CHOICE_OPTIONS.map((option) => option.value), "skip"]);

export function isAuthChoice(value: unknown): value is AuthChoice {
  return typeof value === "string" && (ALL_AUTH_CHOICES as readonly string[]).includes(value);
}

export function formatAuthChoiceChoicesForCli(options: { includeSkip?: boolean; includeLegacyAliases?: boolean } = {}): string {
  const values: string[] = BASE_AUTH_CHOICE_OPTIONS.map((option) => option.value);
  if (options.includeSkip ?? true) values.push("skip");
  if (options.includeLegacyAliases) values.push(...LEGACY_ALIASES);
  return values.join("|");
}

export function buildAuthChoiceOptions(params: { store?: AuthProfileStore; includeSkip: boolean }): AuthChoiceOption[] {
  const options = [...BASE_AUTH_CHOICE_OPTIONS];
  if (params.includeSkip) options.push(SKIP_OPTION);
  return options;
}

export function buildAuthChoiceGroups(params: { store?: AuthProfileStore; includeSkip: boolean }): {
  groups: AuthChoiceGroup[];
  skipOption?: AuthChoiceOption;
} {
  const byValue = new Map(BASE_AUTH_CHOICE_OPTIONS.map((option) => [option.value, option]));
  const groups = AUTH_CHOICE_GROUP_DEFS.map((def) => ({
    value: def.value,
    label: def.label,
    hint: def.hint,
    options: def.choices.map((choice) => byValue.get(choice)).filter((option): option is AuthChoiceOption => Boolean(option)),
  }));
  return { groups, ...(params.includeSkip ? { skipOption: SKIP_OPTION } : {}) };
}
