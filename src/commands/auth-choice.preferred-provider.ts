/** Which provider's models the wizard's model picker shows first after an auth choice. */
import { API_KEY_PROVIDERS } from "../providers/api-key-providers.js";
import type { AuthChoice } from "./onboard-types.js";

export const PREFERRED_PROVIDER_BY_AUTH_CHOICE: Partial<Record<AuthChoice, string>> = Object.fromEntries(
  API_KEY_PROVIDERS.map((spec) => [spec.authChoice, spec.id]),
);

export function resolvePreferredProviderForAuthChoice(choice: AuthChoice): string | undefined {
  return PREFERRED_PROVIDER_BY_AUTH_CHOICE[choice];
}
