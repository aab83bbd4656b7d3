/**
 * What a provider's account API looks like, as data: where to start a device-code sign-in and poll it,
 * where the profile and balance live, and how an organisation is chosen and sent. The generic code in
 * src/commands/account/ reads these specs; no provider is named outside src/providers/.
 */
import { KILOCODE_ACCOUNT } from "./kilocode-account.js";

export type DeviceAuthSpec = {
  /** The `--auth-choice` value and wizard option for "Sign in with browser". */
  authChoice: "kilocode-device";
  option: { label: string; hint: string };
  /** `POST {origin}{startPath}` with `{}` answers `{code, verificationUrl, expiresIn}`. */
  startPath: string;
  /** `GET {origin}{pollPath}` with `{code}` replaced: 202 pending, 200 approved, 403 denied, 410 expired. */
  pollPath: string;
  pollIntervalMs: number;
  /** What a 429 on start means, in the provider's words. */
  rateLimitedMessage: string;
};

export type OrganizationSpec = {
  /** `--<provider>-org <id>` for non-interactive onboarding. */
  cliFlag: `--${string}`;
  /** The commander attribute name of that flag. */
  optionKey: string;
  /** The request header that scopes calls to the organisation. */
  header: string;
  /** Env var that overrides the configured organisation. */
  envVar: string;
};

export type ProviderAccountSpec = {
  providerId: string;
  label: string;
  deviceAuth: DeviceAuthSpec;
  /** `GET {origin}{profilePath}` (Bearer): `{user: {email, name}, organizations: [{id, name, role}]}`. */
  profilePath: string;
  /** `GET {origin}{balancePath}` (Bearer): `{balance}` in USD. */
  balancePath: string;
  organization: OrganizationSpec;
  /** Where a user buys credits or manages keys, for hints. */
  accountUrl: string;
};

export type DeviceAuthChoice = DeviceAuthSpec["authChoice"];

export const ACCOUNT_PROVIDERS: readonly ProviderAccountSpec[] = [KILOCODE_ACCOUNT];

export function findAccountSpec(providerId: string): ProviderAccountSpec | undefined {
  const id = providerId.trim().toLowerCase();
  return ACCOUNT_PROVIDERS.find((spec) => spec.providerId === id);
}

export function findAccountSpecByDeviceChoice(choice: string): ProviderAccountSpec | undefined {
  return ACCOUNT_PROVIDERS.find((spec) => spec.deviceAuth.authChoice === choice);
}

/** The account API lives at the origin of the provider's effective base URL (so a base-URL override moves it). */
export function accountOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
