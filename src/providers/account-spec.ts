/**
 * The providers with an account API (a spec's `account` facet), with the names the generic account code
 * needs: provider id, label, the device-code auth choice and the organisation flag, header and env var.
 * Derived from the provider table; no provider is named here or in src/commands/account/.
 */
import { derivedFromProviders, findApiKeyProvider, type ApiKeyProviderSpec, type PROVIDER_SPECS } from "./api-key-providers.js";
import type { ProviderAccountFacet } from "./spec.js";

type BuiltInSpec = (typeof PROVIDER_SPECS)[number];
/** `"kilocode-device"`: the device-code auth choices of the built-in specs. */
export type DeviceAuthChoice = BuiltInSpec extends infer S
  ? S extends { readonly account: { readonly deviceAuth: { readonly authChoice: infer A extends string } } }
    ? A
    : never
  : never;

export type ProviderAccountSpec = Omit<ProviderAccountFacet, "deviceAuth"> & {
  providerId: string;
  label: string;
  deviceAuth: Omit<ProviderAccountFacet["deviceAuth"], "authChoice"> & { authChoice: DeviceAuthChoice };
  organization: { cliFlag: `--${string}`; optionKey: string; header?: string; envVar?: string };
};

function toAccountSpec(spec: ApiKeyProviderSpec): ProviderAccountSpec | undefined {
  const account = spec.account;
  if (!account) return undefined;
  const header = spec.headers?.organization;
  return {
    ...account,
    providerId: spec.id,
    label: spec.label,
    deviceAuth: { ...account.deviceAuth, authChoice: account.deviceAuth.authChoice as DeviceAuthChoice },
    organization: { ...account.organizationFlag, ...(header ? { header: header.name, envVar: header.envVar } : {}) },
  };
}

/** Every provider with an account API, in table order (follows `registerProviderSpec`). */
export const ACCOUNT_PROVIDERS: readonly ProviderAccountSpec[] = derivedFromProviders((providers) =>
  providers.flatMap((spec) => {
    const account = toAccountSpec(spec);
    return account ? [account] : [];
  }),
);

export function findAccountSpec(providerId: string): ProviderAccountSpec | undefined {
  const spec = findApiKeyProvider(providerId);
  return spec ? toAccountSpec(spec) : undefined;
}

export function findAccountSpecByDeviceChoice(choice: string): ProviderAccountSpec | undefined {
  return ACCOUNT_PROVIDERS.find((spec) => spec.deviceAuth.authChoice === choice);
}

/** The account API lives at the origin of the provider's effective base URL (so a base-URL override moves it). */
export function accountOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
