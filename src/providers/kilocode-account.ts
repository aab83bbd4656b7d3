/**
 * Kilo's account API (device-code sign-in, profile, balance, organisations) as plain data. Paths are
 * relative to the origin of the effective Kilo base URL, so KILOCODE_API_BASE_URL moves them too.
 */
import type { ProviderAccountSpec } from "./account-spec.js";
import { KILOCODE_PROVIDER_ID } from "./kilocode-shared.js";

export const KILOCODE_ACCOUNT: ProviderAccountSpec = {
  providerId: KILOCODE_PROVIDER_ID,
  label: "Kilo Gateway",
  deviceAuth: {
    authChoice: "kilocode-device",
    option: { label: "Sign in with browser", hint: "device code: approve in the browser, no key to copy" },
    startPath: "/api/device-auth/codes",
    pollPath: "/api/device-auth/codes/{code}",
    pollIntervalMs: 3000,
    rateLimitedMessage: "Too many pending Kilo sign-ins from this network (at most 5)",
  },
  profilePath: "/api/profile",
  balancePath: "/api/profile/balance",
  organization: {
    cliFlag: "--kilocode-org",
    optionKey: "kilocodeOrg",
    header: "X-KiloCode-OrganizationId",
    envVar: "KILOCODE_ORG_ID",
  },
  accountUrl: "https://app.kilo.ai",
};
