/**
 * Which profiles to try for a provider, in order (OpenClaw's rules): an explicit order from the store or
 * config, else the configured profiles, else every stored profile of the provider; unusable ones are
 * dropped; oauth before token before api_key, least recently used first, cooling-down profiles last.
 */
import type { OpenClawConfig } from "../../config/types.js";
import { normalizeProviderId } from "../../providers/api-key-providers.js";
import { resolveProfileSecret } from "./secret.js";
import type { AuthProfileCredential, AuthProfileStore } from "./types.js";
import type { EnvRecord } from "../../infra/env.js";

const TYPE_RANK: Record<AuthProfileCredential["type"], number> = { oauth: 0, token: 1, api_key: 2 };

function isUsable(credential: AuthProfileCredential | undefined, provider: string, now: number, env: EnvRecord): boolean {
  if (!credential || normalizeProviderId(credential.provider) !== provider) return false;
  switch (credential.type) {
    case "api_key":
      return resolveProfileSecret(credential, env) !== undefined;
    case "token":
      return Boolean(credential.token?.trim()) && (credential.expires === undefined || credential.expires > now);
    case "oauth":
      return Boolean(credential.access || credential.refresh);
  }
}

function modeMatches(configMode: string | undefined, credential: AuthProfileCredential): boolean {
  if (!configMode) return true;
  if (configMode === credential.type) return true;
  return configMode === "oauth" && credential.type === "token";
}

export function resolveAuthProfileOrder(params: {
  cfg?: OpenClawConfig;
  store: AuthProfileStore;
  provider: string;
  preferredProfile?: string;
  now?: number;
  env?: EnvRecord;
}): string[] {
  const provider = normalizeProviderId(params.provider);
  const { store, cfg } = params;
  const now = params.now ?? Date.now();
  const env = params.env ?? process.env;
  const stats = store.usageStats ?? {};
  const cooldownEnd = (id: string) => Math.max(stats[id]?.cooldownUntil ?? 0, stats[id]?.disabledUntil ?? 0);
  const inCooldown = (id: string) => cooldownEnd(id) > now;

  const storeProfilesForProvider = Object.keys(store.profiles).filter(
    (id) => normalizeProviderId(store.profiles[id]?.provider ?? "") === provider,
  );
  const explicit = store.order?.[provider] ?? cfg?.auth?.order?.[provider];
  const configured = Object.entries(cfg?.auth?.profiles ?? {})
    .filter(([, profile]) => normalizeProviderId(profile.provider) === provider)
    .map(([id]) => id);

  let base = explicit ?? (configured.length > 0 ? configured : storeProfilesForProvider);
  if (base.length > 0 && base.every((id) => !store.profiles[id])) base = storeProfilesForProvider;

  const usable = [...new Set(base)].filter((id) => {
    const credential = store.profiles[id];
    return isUsable(credential, provider, now, env) && modeMatches(cfg?.auth?.profiles?.[id]?.mode, credential!);
  });

  let ordered: string[];
  if (explicit) {
    const ready = usable.filter((id) => !inCooldown(id));
    const cooling = usable.filter(inCooldown).sort((a, b) => cooldownEnd(a) - cooldownEnd(b));
    ordered = [...ready, ...cooling];
  } else {
    ordered = [...usable].sort((a, b) => {
      const cooling = Number(inCooldown(a)) - Number(inCooldown(b));
      if (cooling !== 0) return cooling;
      const rank = TYPE_RANK[store.profiles[a]!.type] - TYPE_RANK[store.profiles[b]!.type];
      if (rank !== 0) return rank;
      return (stats[a]?.lastUsed ?? 0) - (stats[b]?.lastUsed ?? 0);
    });
  }
  const preferred = params.preferredProfile;
  if (preferred && ordered.includes(preferred)) ordered = [preferred, ...ordered.filter((id) => id !== preferred)];
  return ordered;
}
