/**
 * A provider's account API (profile, balance), read generically from its ProviderAccountSpec. Replies
 * are checked field by field: extra fields are ignored, missing ones become undefined.
 */
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { requestJson } from "../../infra/http-client.js";
import type { EnvRecord } from "../../infra/env.js";
import { accountOrigin, type ProviderAccountSpec } from "../../providers/account-spec.js";

export type AccountOrganization = { id: string; name: string; role?: string };
export type AccountProfile = { email?: string; name?: string; organizations: AccountOrganization[] };

export type AccountRequest = {
  spec: ProviderAccountSpec;
  /** The provider's effective base URL; the account API lives at its origin. */
  baseUrl: string;
  apiKey: string;
  env?: EnvRecord;
  timeoutMs?: number;
  /** Extra headers (the provider's feature/organisation headers). */
  headers?: Record<string, string>;
};

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export function parseAccountProfile(payload: unknown): AccountProfile {
  const body = record(payload);
  const user = record(body.user);
  const organizations: AccountOrganization[] = [];
  for (const entry of Array.isArray(body.organizations) ? body.organizations : []) {
    const org = record(entry);
    const id = text(org.id) ?? (typeof org.id === "number" ? String(org.id) : undefined);
    if (!id || organizations.some((known) => known.id === id)) continue;
    const role = text(org.role);
    organizations.push({ id, name: text(org.name) ?? id, ...(role ? { role } : {}) });
  }
  const email = text(user.email) ?? text(body.email);
  const name = text(user.name) ?? text(body.name);
  return { ...(email ? { email } : {}), ...(name ? { name } : {}), organizations };
}

/** `{balance}` in USD; accepts a number or a numeric string. */
export function parseAccountBalance(payload: unknown): number | undefined {
  const raw = record(payload).balance;
  const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() ? Number(raw) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** "$12.34" (negative balances keep their sign: "-$0.50"). */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `${sign}$${Math.abs(amount).toFixed(2)}`;
}

async function getAccountJson(request: AccountRequest, path: string, what: string): Promise<unknown> {
  const url = `${accountOrigin(request.baseUrl)}${path}`;
  const reply = await requestJson(url, {
    env: request.env,
    timeoutMs: request.timeoutMs ?? 5000,
    headers: { Accept: "application/json", ...request.headers, Authorization: `Bearer ${request.apiKey}` },
  });
  if (reply.status === 401 || reply.status === 403) {
    throw new OpenClawError("ACCOUNT_KEY_REJECTED", `${request.spec.label} rejected the key (${reply.status}) when reading the ${what}.`, {
      hint: `Sign in again: openclaw onboard --auth-choice ${request.spec.deviceAuth.authChoice}`,
    });
  }
  if (reply.status < 200 || reply.status >= 300) {
    throw new OpenClawError("ACCOUNT_HTTP", `${request.spec.label} answered HTTP ${reply.status} for the ${what} (${url}).`, {
      hint: reply.status >= 500 ? "The service is having trouble; retry later." : "Check the base URL points at the gateway.",
    });
  }
  if (reply.json === undefined) {
    throw new OpenClawError("ACCOUNT_BAD_REPLY", `${request.spec.label} did not return JSON for the ${what} (${url}).`, {
      hint: "Check the base URL points at the gateway.",
    });
  }
  return reply.json;
}

export async function readAccountProfile(request: AccountRequest): Promise<AccountProfile> {
  return parseAccountProfile(await getAccountJson(request, request.spec.profilePath, "account profile"));
}

export async function readAccountBalance(request: AccountRequest): Promise<number | undefined> {
  return parseAccountBalance(await getAccountJson(request, request.spec.balancePath, "balance"));
}

/** The provider's effective base URL, as the agent would use it (config block > env override > built-in). */
export function resolveAccountBaseUrl(params: { cfg: OpenClawConfig; env: EnvRecord; providerId: string; agentDir?: string }): string | undefined {
  return resolveEffectiveProviders({ cfg: params.cfg, env: params.env, ...(params.agentDir ? { agentDir: params.agentDir } : {}) })[params.providerId]?.baseUrl;
}
