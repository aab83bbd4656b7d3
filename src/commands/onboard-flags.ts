/**
 * The `onboard` flags beyond the provider keys (mode, gateway, tailscale, daemon, reset, remote, token
 * metadata): each value is checked here, before anything is read or written, so a bad value is one clear
 * error with exit 1 and no partial write. Value lists are the ones OpenClaw accepts.
 */
import { OpenClawError } from "../infra/errors.js";
import {
  DAEMON_RUNTIMES,
  GATEWAY_AUTH_MODES,
  GATEWAY_BINDS,
  NODE_MANAGERS,
  ONBOARD_FLOWS,
  ONBOARD_MODES,
  RESET_SCOPES,
  TAILSCALE_MODES,
  type OnboardOptions,
} from "./onboard-types.js";

type RawFlags = Record<string, unknown>;

const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** `30d`, `12h`, `90m`, `3600s`, `500ms`, `2w`; a bare number counts as days. */
const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h|d|w)?$/;

function flagError(flag: string, message: string, hint: string): OpenClawError {
  return new OpenClawError("ONBOARD_FLAG", `Invalid ${flag} ${message}`, { hint });
}

function oneOf<T extends string>(raw: RawFlags, key: string, flag: string, values: readonly T[]): T | undefined {
  const value = raw[key];
  if (typeof value !== "string") return undefined;
  const normalized = value.trim().toLowerCase();
  if ((values as readonly string[]).includes(normalized)) return normalized as T;
  throw flagError(flag, `"${value}": use ${values.join(", ")}.`, `e.g. ${flag} ${values[0]}`);
}

function nonEmptyString(raw: RawFlags, key: string, flag: string): string | undefined {
  const value = raw[key];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!trimmed) throw new OpenClawError("ONBOARD_FLAG", `Missing ${flag}: the value is empty.`, { hint: "Is the shell variable you used set?" });
  return trimmed;
}

function bool(raw: RawFlags, key: string): boolean | undefined {
  return typeof raw[key] === "boolean" ? (raw[key] as boolean) : undefined;
}

function parseGatewayPort(value: string): number {
  const port = Number.parseInt(value, 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || String(port) !== value.trim()) {
    throw flagError("--gateway-port", `"${value}": expected a port number 1-65535.`, "e.g. --gateway-port 18789");
  }
  return port;
}

/** Validated setup flags, as OnboardOptions fields (absent flags stay absent so existing config wins). */
export function parseOnboardSetupFlags(raw: RawFlags): Partial<OnboardOptions> {
  const mode = oneOf(raw, "mode", "--mode", ONBOARD_MODES);
  const flow = oneOf(raw, "flow", "--flow", ONBOARD_FLOWS);
  const gatewayBind = oneOf(raw, "gatewayBind", "--gateway-bind", GATEWAY_BINDS);
  const gatewayAuth = oneOf(raw, "gatewayAuth", "--gateway-auth", GATEWAY_AUTH_MODES);
  const tailscale = oneOf(raw, "tailscale", "--tailscale", TAILSCALE_MODES);
  const daemonRuntime = oneOf(raw, "daemonRuntime", "--daemon-runtime", DAEMON_RUNTIMES);
  const nodeManager = oneOf(raw, "nodeManager", "--node-manager", NODE_MANAGERS);
  const resetScope = oneOf(raw, "resetScope", "--reset-scope", RESET_SCOPES);
  const gatewayPort = typeof raw.gatewayPort === "string" ? parseGatewayPort(raw.gatewayPort) : undefined;
  const workspace = nonEmptyString(raw, "workspace", "--workspace");
  const gatewayToken = nonEmptyString(raw, "gatewayToken", "--gateway-token");
  const gatewayPassword = nonEmptyString(raw, "gatewayPassword", "--gateway-password");
  const gatewayTokenRefEnv = nonEmptyString(raw, "gatewayTokenRefEnv", "--gateway-token-ref-env");
  if (gatewayTokenRefEnv !== undefined && !ENV_VAR_NAME.test(gatewayTokenRefEnv)) {
    throw flagError("--gateway-token-ref-env", `"${gatewayTokenRefEnv}": expected an env var name (A-Z, 0-9, _).`, "e.g. --gateway-token-ref-env OPENCLAW_GATEWAY_TOKEN");
  }
  if (gatewayToken !== undefined && gatewayTokenRefEnv !== undefined) {
    throw new OpenClawError("ONBOARD_FLAG", "--gateway-token and --gateway-token-ref-env cannot be used together.", {
      hint: "Pass the token itself, or the name of the env var that holds it.",
    });
  }
  const remoteUrl = nonEmptyString(raw, "remoteUrl", "--remote-url");
  const remoteToken = nonEmptyString(raw, "remoteToken", "--remote-token");
  const tokenProfileId = nonEmptyString(raw, "tokenProfileId", "--token-profile-id");
  const tokenExpiresIn = nonEmptyString(raw, "tokenExpiresIn", "--token-expires-in");
  if (tokenExpiresIn !== undefined && !DURATION.test(tokenExpiresIn.toLowerCase())) {
    throw flagError("--token-expires-in", `"${tokenExpiresIn}": expected a duration such as 365d, 12h or 30m.`, "e.g. --token-expires-in 365d");
  }
  const picked: Partial<OnboardOptions> = {
    mode,
    flow,
    workspace,
    gatewayPort,
    gatewayBind,
    gatewayAuth,
    gatewayToken,
    gatewayPassword,
    gatewayTokenRefEnv,
    tailscale,
    tailscaleResetOnExit: bool(raw, "tailscaleResetOnExit"),
    remoteUrl,
    remoteToken,
    tokenProfileId,
    tokenExpiresIn,
    reset: bool(raw, "reset"),
    resetScope,
    installDaemon: bool(raw, "installDaemon"),
    skipDaemon: bool(raw, "skipDaemon"),
    daemonRuntime,
    nodeManager,
    skipSearch: bool(raw, "skipSearch"),
  };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined)) as Partial<OnboardOptions>;
}
