/**
 * The one table of `--<provider>-api-key` flags: it registers the CLI options and infers the auth choice
 * in non-interactive onboarding, so the two can never disagree.
 */
import { derivedFromProviders } from "../providers/api-key-providers.js";
import type { AuthChoice, OnboardOptions, ProviderApiKeyOptionKey } from "./onboard-types.js";

export type OnboardProviderAuthFlag = {
  optionKey: ProviderApiKeyOptionKey;
  authChoice: AuthChoice;
  cliFlag: `--${string}`;
  cliOption: `--${string} <key>`;
  description: string;
};

export const ONBOARD_PROVIDER_AUTH_FLAGS: readonly OnboardProviderAuthFlag[] = derivedFromProviders((providers) =>
  providers.map((spec) => ({
    optionKey: spec.flag.optionKey,
    authChoice: spec.authChoice,
    cliFlag: spec.flag.cliFlag,
    cliOption: spec.flag.cliOption,
    description: spec.flag.description,
  })),
);

export function inferAuthChoiceFromFlags(opts: OnboardOptions): { choice?: AuthChoice; matches: OnboardProviderAuthFlag[] } {
  const matches = ONBOARD_PROVIDER_AUTH_FLAGS.filter((flag) => {
    const value = opts[flag.optionKey];
    return typeof value === "string" && value.trim() !== "";
  });
  return { ...(matches.length === 1 ? { choice: matches[0]!.authChoice } : {}), matches };
}
