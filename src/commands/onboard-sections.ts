/**
 * The sections onboarding writes besides the provider (what OpenClaw's `doctor` and `gateway` expect in a
 * state dir): `gateway` (mode, port, bind, auth, tailscale), `agents.defaults.workspace` and `wizard`.
 *
 * Planning is pure and runs before anything is written, so a missing password or unset token env var
 * stops onboarding with nothing changed. Existing values are kept unless a flag names them; the gateway
 * token is generated once and then kept (OpenClaw replaces it on every run, which breaks paired clients).
 */
import path from "node:path";
import type { SecretRef } from "../agents/auth-profiles/types.js";
import { isEnvTemplateValue } from "../config/env-substitution.js";
import { isPlainObject } from "../infra/plain-object.js";
import { resolveUserPath } from "../config/paths.js";
import type { EnvRecord } from "../infra/env.js";
import type { OpenClawConfig } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { ensurePrivateDir } from "../infra/json-file.js";
import { nodeCrypto } from "../infra/lazy-builtins.js";
import { GATEWAY_BINDS, TAILSCALE_MODES, type GatewayBind, type OnboardMode, type OnboardOptions, type TailscaleMode } from "./onboard-types.js";

const DEFAULT_GATEWAY_PORT = 18789;

/** 24 random bytes as 48 hex characters, the shape of OpenClaw's generated gateway token. */
export function generateGatewayToken(): string {
  return nodeCrypto().randomBytes(24).toString("hex");
}

/** The `--json` summary's gateway part, with OpenClaw's field names. */
export type GatewaySummary = { port: number; bind: string; authMode: string; tailscaleMode: string };

export type OnboardSectionsPlan =
  | { mode: "local"; gateway: Record<string, unknown>; summary: GatewaySummary; workspace: string; workspaceDir: string; notes: string[] }
  | { mode: "remote"; gateway: Record<string, unknown>; remoteUrl: string; remoteAuth: "token" | "none"; notes: string[] };

type PlanContext = { env: EnvRecord; stateDir: string; randomToken?: () => string };

const record = (value: unknown): Record<string, unknown> => (isPlainObject(value) ? value : {});

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function isSecretValue(value: unknown): boolean {
  return (typeof value === "string" && value.trim() !== "") || isPlainObject(value);
}

function missing(message: string, hint: string): OpenClawError {
  return new OpenClawError("ONBOARD_FLAG", message, { hint });
}

/** gateway.auth: flag > existing > token mode with a new token. Secret flags must match the mode. */
function planGatewayAuth(existingAuth: Record<string, unknown>, opts: OnboardOptions, mode: string, ctx: PlanContext): Record<string, unknown> {
  const { token: oldToken, password: oldPassword, ...rest } = existingAuth;
  const sameMode = existingAuth.mode === mode || existingAuth.mode === undefined;
  const tokenFlag = opts.gatewayToken !== undefined ? "--gateway-token" : opts.gatewayTokenRefEnv !== undefined ? "--gateway-token-ref-env" : undefined;
  if (mode !== "token" && tokenFlag) {
    throw missing(`${tokenFlag} needs token auth, but the gateway auth mode is "${mode}".`, "Add --gateway-auth token, or drop the token flag.");
  }
  if (mode !== "password" && opts.gatewayPassword !== undefined) {
    throw missing(`--gateway-password needs password auth, but the gateway auth mode is "${mode}".`, "Add --gateway-auth password.");
  }
  if (mode === "token") {
    let token: unknown;
    if (opts.gatewayTokenRefEnv !== undefined) {
      const name = opts.gatewayTokenRefEnv;
      if (!ctx.env[name]?.trim()) {
        throw missing(`--gateway-token-ref-env ${name}: the environment variable ${name} is not set.`, `Export ${name} with the gateway token, then re-run.`);
      }
      token = { source: "env", provider: "default", id: name } satisfies SecretRef;
    } else {
      token = opts.gatewayToken ?? (sameMode && isSecretValue(oldToken) ? oldToken : (ctx.randomToken ?? generateGatewayToken)());
    }
    return { ...rest, mode, token };
  }
  if (mode === "password") {
    const password = opts.gatewayPassword ?? (sameMode && isSecretValue(oldPassword) ? oldPassword : undefined);
    if (password === undefined) throw missing("Missing --gateway-password for password auth.", "Pass --gateway-password <password>, or use --gateway-auth token.");
    return { ...rest, mode, password };
  }
  // A mode this slice does not manage (e.g. trusted-proxy) is kept as it is.
  return existingAuth;
}

function planLocal(cfg: OpenClawConfig, opts: OnboardOptions, ctx: PlanContext): OnboardSectionsPlan {
  const notes: string[] = [];
  const existing = record(cfg.gateway);
  const existingTailscale = record(existing.tailscale);
  const existingAuth = record(existing.auth);

  const tailscaleMode: TailscaleMode = opts.tailscale ?? pick(existingTailscale.mode, TAILSCALE_MODES) ?? "off";
  let bind: GatewayBind = opts.gatewayBind ?? pick(existing.bind, GATEWAY_BINDS) ?? "loopback";
  let authMode = opts.gatewayAuth ?? (typeof existingAuth.mode === "string" ? existingAuth.mode : "token");
  // As OpenClaw: Tailscale fronts a loopback-only gateway, and a public funnel needs a password.
  if (tailscaleMode !== "off" && bind !== "loopback") {
    notes.push(`Tailscale ${tailscaleMode} needs a loopback gateway: gateway.bind set to loopback (was ${bind}).`);
    bind = "loopback";
  }
  if (tailscaleMode === "funnel" && authMode !== "password") {
    notes.push(`Tailscale funnel exposes the gateway publicly: gateway.auth.mode set to password (was ${authMode}).`);
    authMode = "password";
  }
  const port = opts.gatewayPort ?? (Number.isInteger(existing.port) && (existing.port as number) > 0 ? (existing.port as number) : DEFAULT_GATEWAY_PORT);
  // A `${VAR}` port whose variable is unset here belongs to the environment the gateway runs in: keep it.
  const keptPortTemplate = opts.gatewayPort === undefined && isEnvTemplateValue(existing.port) ? existing.port : undefined;
  if (keptPortTemplate) notes.push(`gateway.port stays ${keptPortTemplate} (not set in this environment).`);
  const auth = planGatewayAuth(existingAuth, opts, authMode, ctx);
  const resetOnExit = opts.tailscaleResetOnExit ?? (typeof existingTailscale.resetOnExit === "boolean" ? existingTailscale.resetOnExit : false);

  let gatewayMode: string = "local";
  if (existing.mode === "remote" && opts.mode !== "local") {
    notes.push("gateway.mode stays remote as configured; pass --mode local to switch this install to a local gateway.");
    gatewayMode = "remote";
  }

  const agentsDefaults = record(record(cfg.agents).defaults);
  const configured = typeof agentsDefaults.workspace === "string" && agentsDefaults.workspace.trim() ? agentsDefaults.workspace : undefined;
  const workspace = opts.workspace ? resolveUserPath(opts.workspace, ctx.env) : (configured ?? path.join(ctx.stateDir, "workspace"));

  return {
    mode: "local",
    gateway: {
      ...existing,
      port: keptPortTemplate ?? port,
      mode: gatewayMode,
      bind,
      auth,
      tailscale: { ...existingTailscale, mode: tailscaleMode, resetOnExit },
    },
    summary: { port, bind, authMode: String(auth.mode ?? authMode), tailscaleMode },
    workspace,
    workspaceDir: resolveUserPath(workspace, ctx.env),
    notes,
  };
}

function planRemote(cfg: OpenClawConfig, opts: OnboardOptions): OnboardSectionsPlan {
  const existing = record(cfg.gateway);
  const existingRemote = record(existing.remote);
  const url = opts.remoteUrl ?? (typeof existingRemote.url === "string" ? existingRemote.url : undefined);
  if (!url) throw missing("Missing --remote-url for remote mode.", "e.g. --mode remote --remote-url wss://gateway.example.com");
  if (!/^wss?:\/\/[^/\s]+/i.test(url)) {
    throw missing(`Invalid --remote-url "${url}": expected a ws:// or wss:// URL.`, "e.g. --remote-url wss://gateway.example.com");
  }
  const remote: Record<string, unknown> = { ...existingRemote, url };
  if (opts.remoteToken !== undefined) remote.token = opts.remoteToken;
  return {
    mode: "remote",
    gateway: { ...existing, mode: "remote", remote },
    remoteUrl: url,
    remoteAuth: isSecretValue(remote.token) ? "token" : "none",
    notes: [],
  };
}

/** Decides every non-provider section from the config as read and the flags; throws on a bad combination. */
export function planOnboardSections(cfg: OpenClawConfig, opts: OnboardOptions, ctx: PlanContext): OnboardSectionsPlan {
  return (opts.mode ?? "local") === "remote" ? planRemote(cfg, opts) : planLocal(cfg, opts, ctx);
}

/** Writes the plan and the wizard run stamp into a config (pure). */
export function applyOnboardSections(cfg: OpenClawConfig, plan: OnboardSectionsPlan, run: { now: Date; version: string }): OpenClawConfig {
  const wizard = {
    ...record(cfg.wizard),
    lastRunAt: run.now.toISOString(),
    lastRunVersion: run.version,
    lastRunCommand: "onboard",
    lastRunMode: plan.mode satisfies OnboardMode,
  };
  const next: OpenClawConfig = { ...cfg, gateway: plan.gateway, wizard };
  if (plan.mode === "local") {
    const agents = cfg.agents ?? {};
    next.agents = { ...agents, defaults: { ...agents.defaults, workspace: plan.workspace } };
  }
  return next;
}

/** Creates the workspace and the sessions directory (0700), as OpenClaw does after writing the config. */
export function ensureWorkspaceAndSessions(workspaceDir: string, sessionsDir: string): void {
  ensurePrivateDir(workspaceDir);
  ensurePrivateDir(sessionsDir);
}
