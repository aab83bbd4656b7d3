import { describe, expect, it } from "vitest";
import { resolveAuthProfileOrder } from "./order.js";
import type { AuthProfileStore } from "./types.js";

const NOW = 1_000_000;
const store = (extra: Partial<AuthProfileStore> = {}): AuthProfileStore => ({
  version: 1,
  profiles: {
    "kilocode:default": { type: "api_key", provider: "kilocode", key: "k1" },
    "kilocode:work": { type: "api_key", provider: "kilocode", key: "k2" },
    "kilocode:oauth": { type: "oauth", provider: "kilocode", access: "a" },
    "kilocode:empty": { type: "api_key", provider: "kilocode", key: "" },
    "kilocode:expired": { type: "token", provider: "kilocode", token: "t", expires: NOW - 1 },
    "openrouter:default": { type: "api_key", provider: "openrouter", key: "o" },
  },
  ...extra,
});

describe("resolveAuthProfileOrder", () => {
  it("without an explicit order: usable profiles of the provider, oauth first, then least recently used", () => {
    const order = resolveAuthProfileOrder({
      store: store({ usageStats: { "kilocode:default": { lastUsed: 50 }, "kilocode:work": { lastUsed: 10 } } }),
      provider: "KiloCode",
      now: NOW,
      env: {},
    });
    expect(order).toEqual(["kilocode:oauth", "kilocode:work", "kilocode:default"]);
  });

  it("honours an explicit order from the store, then from the config, moving cooling-down profiles last", () => {
    const cooling = { usageStats: { "kilocode:work": { cooldownUntil: NOW + 5 } } };
    expect(resolveAuthProfileOrder({ store: store({ ...cooling, order: { kilocode: ["kilocode:work", "kilocode:default"] } }), provider: "kilocode", now: NOW, env: {} })).toEqual([
      "kilocode:default",
      "kilocode:work",
    ]);
    const cfg = { auth: { order: { kilocode: ["kilocode:default", "kilocode:oauth"] } } };
    expect(resolveAuthProfileOrder({ cfg, store: store(), provider: "kilocode", now: NOW, env: {} })).toEqual(["kilocode:default", "kilocode:oauth"]);
  });

  it("uses the configured profiles, drops a mode mismatch, and puts the preferred profile first", () => {
    const cfg = {
      auth: {
        profiles: {
          "kilocode:default": { provider: "kilocode", mode: "api_key" as const },
          "kilocode:work": { provider: "kilocode", mode: "oauth" as const },
        },
      },
    };
    expect(resolveAuthProfileOrder({ cfg, store: store(), provider: "kilocode", now: NOW, env: {} })).toEqual(["kilocode:default"]);
    expect(resolveAuthProfileOrder({ store: store(), provider: "kilocode", preferredProfile: "kilocode:default", now: NOW, env: {} })[0]).toBe("kilocode:default");
  });

  it("accepts a keyRef profile only when its env var is set", () => {
    const refStore: AuthProfileStore = {
      version: 1,
      profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" } } },
    };
    expect(resolveAuthProfileOrder({ store: refStore, provider: "kilocode", env: {} })).toEqual([]);
    expect(resolveAuthProfileOrder({ store: refStore, provider: "kilocode", env: { KILOCODE_API_KEY: "k" } })).toEqual(["kilocode:default"]);
  });

  it("falls back to the store when every configured id is missing from it", () => {
    const cfg = { auth: { profiles: { "kilocode:gone": { provider: "kilocode", mode: "api_key" as const } } } };
    expect(resolveAuthProfileOrder({ cfg, store: store(), provider: "kilocode", now: NOW, env: {} })).toContain("kilocode:default");
  });
});
