import { describe, expect, it } from "vitest";
import { OpenClawError } from "../infra/errors.js";
import { applyOnboardSections, generateGatewayToken, planOnboardSections } from "./onboard-sections.js";
import type { OnboardOptions } from "./onboard-types.js";

const ctx = { env: { HOME: "/home/u" }, stateDir: "/home/u/.openclaw", randomToken: () => "f".repeat(48) };
const plan = (cfg: Record<string, unknown>, opts: OnboardOptions = {}, env: Record<string, string> = {}) =>
  planOnboardSections(cfg, opts, { ...ctx, env: { ...ctx.env, ...env } });
const now = new Date("2026-03-01T10:00:00.000Z");

describe("planOnboardSections (local)", () => {
  it("fills in OpenClaw's defaults on an empty config", () => {
    const result = plan({});
    expect(result).toMatchObject({
      mode: "local",
      gateway: { port: 18789, mode: "local", bind: "loopback", auth: { mode: "token", token: "f".repeat(48) }, tailscale: { mode: "off", resetOnExit: false } },
      summary: { port: 18789, bind: "loopback", authMode: "token", tailscaleMode: "off" },
      workspace: "/home/u/.openclaw/workspace",
    });
  });

  it("generates 48 hex characters, different each time", () => {
    expect(generateGatewayToken()).toMatch(/^[0-9a-f]{48}$/);
    expect(generateGatewayToken()).not.toBe(generateGatewayToken());
  });

  it("keeps every existing value (token included) unless a flag names it", () => {
    const existing = {
      gateway: { port: 19000, mode: "local", bind: "lan", auth: { mode: "token", token: "kept", allowTailscale: true }, tailscale: { mode: "off", resetOnExit: true }, custom: 1 },
      agents: { defaults: { workspace: "~/ws" } },
    };
    const kept = plan(existing);
    expect(kept.gateway).toEqual(existing.gateway);
    expect(kept.mode === "local" && kept.workspace).toBe("~/ws");
    expect(kept.mode === "local" && kept.workspaceDir).toBe("/home/u/ws");

    const changed = plan(existing, { gatewayPort: 1234, gatewayBind: "auto", gatewayToken: "new-token", workspace: "~/other" });
    expect(changed.gateway).toMatchObject({ port: 1234, bind: "auto", auth: { mode: "token", token: "new-token", allowTailscale: true }, custom: 1 });
    expect(changed.mode === "local" && changed.workspace).toBe("/home/u/other");
  });

  it("password auth needs a password (flag or existing) and drops the old token", () => {
    expect(() => plan({}, { gatewayAuth: "password" })).toThrow("Missing --gateway-password for password auth.");
    expect(plan({ gateway: { auth: { mode: "token", token: "t" } } }, { gatewayAuth: "password", gatewayPassword: "pw" }).gateway.auth).toEqual({
      mode: "password",
      password: "pw",
    });
    expect(plan({ gateway: { auth: { mode: "password", password: "old" } } }).gateway.auth).toEqual({ mode: "password", password: "old" });
  });

  it("rejects secret flags that do not match the auth mode", () => {
    expect(() => plan({}, { gatewayAuth: "password", gatewayPassword: "pw", gatewayToken: "t" })).toThrow("--gateway-token needs token auth");
    expect(() => plan({}, { gatewayPassword: "pw" })).toThrow("--gateway-password needs password auth");
  });

  it("--gateway-token-ref-env stores a reference, and needs the variable set", () => {
    expect(() => plan({}, { gatewayTokenRefEnv: "GW_TOKEN" })).toThrow(OpenClawError);
    expect(plan({}, { gatewayTokenRefEnv: "GW_TOKEN" }, { GW_TOKEN: "secret" }).gateway.auth).toEqual({
      mode: "token",
      token: { source: "env", provider: "default", id: "GW_TOKEN" },
    });
  });

  it("tailscale forces a loopback bind, and funnel forces password auth (as OpenClaw), with a note", () => {
    const serve = plan({}, { tailscale: "serve", gatewayBind: "lan", tailscaleResetOnExit: true });
    expect(serve.gateway).toMatchObject({ bind: "loopback", tailscale: { mode: "serve", resetOnExit: true } });
    expect(serve.notes[0]).toContain("loopback");
    expect(() => plan({}, { tailscale: "funnel" })).toThrow("Missing --gateway-password");
    expect(plan({}, { tailscale: "funnel", gatewayPassword: "pw" }).gateway.auth).toEqual({ mode: "password", password: "pw" });
  });

  it("an existing remote gateway stays remote without --mode local", () => {
    expect(plan({ gateway: { mode: "remote" } }).gateway.mode).toBe("remote");
    expect(plan({ gateway: { mode: "remote" } }, { mode: "local" }).gateway.mode).toBe("local");
  });
});

describe("planOnboardSections (remote)", () => {
  it("records the URL and token, and validates the URL", () => {
    const result = plan({ gateway: { port: 1 } }, { mode: "remote", remoteUrl: "wss://gw.example.com", remoteToken: "tok" });
    expect(result).toMatchObject({ mode: "remote", remoteUrl: "wss://gw.example.com", remoteAuth: "token" });
    expect(result.gateway).toEqual({ port: 1, mode: "remote", remote: { url: "wss://gw.example.com", token: "tok" } });
    expect(() => plan({}, { mode: "remote" })).toThrow("Missing --remote-url for remote mode.");
    expect(() => plan({}, { mode: "remote", remoteUrl: "https://x" })).toThrow("expected a ws:// or wss:// URL");
  });
});

describe("applyOnboardSections", () => {
  it("writes gateway, workspace and the wizard stamp, keeping other keys", () => {
    const cfg = { agents: { defaults: { model: { primary: "a/b" } }, list: [] }, wizard: { other: 1 }, channels: { x: 1 } };
    const next = applyOnboardSections(cfg, plan(cfg), { now, version: "1.2.3" });
    expect(next.wizard).toEqual({ other: 1, lastRunAt: "2026-03-01T10:00:00.000Z", lastRunVersion: "1.2.3", lastRunCommand: "onboard", lastRunMode: "local" });
    expect(next.agents).toEqual({ defaults: { model: { primary: "a/b" }, workspace: "/home/u/.openclaw/workspace" }, list: [] });
    expect(next.channels).toEqual({ x: 1 });
    expect(cfg.wizard).toEqual({ other: 1 });
  });
});
