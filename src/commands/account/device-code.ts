/**
 * The device-code sign-in, generic over a ProviderAccountSpec: start a code, show it, poll until the user
 * approves in the browser, is denied, or the code expires. Every wait is bounded and abortable; the token
 * is returned to the caller and never printed.
 */
import { OpenClawError, type OpenClawErrorCode } from "../../infra/errors.js";
import { requestJson } from "../../infra/http-client.js";
import { onInterrupt } from "../../infra/termination.js";
import type { EnvRecord } from "../../infra/env.js";
import { accountOrigin, type ProviderAccountSpec } from "../../providers/account-spec.js";

export type DeviceCode = { code: string; verificationUrl: string; expiresInSeconds: number };
export type DeviceSignIn = { token: string; email?: string };

export type DeviceCodeFlowOptions = {
  spec: ProviderAccountSpec;
  baseUrl: string;
  env?: EnvRecord;
  signal?: AbortSignal;
  /** Called once the code exists: show the URL and code (and QR, browser). */
  onCode: (code: DeviceCode) => void | Promise<void>;
  /** Called every second while waiting, with the seconds left. */
  onWaiting?: (secondsLeft: number) => void;
};

/** Each start or poll request's own bound; the code's expiry bounds the whole wait. */
const REQUEST_TIMEOUT_MS = 10_000;

function failure(code: OpenClawErrorCode, message: string): OpenClawError {
  // One line on purpose: the message carries the next step, no separate hint.
  return new OpenClawError(code, message);
}

function cancelledError(spec: ProviderAccountSpec): OpenClawError {
  return failure("DEVICE_AUTH_CANCELLED", `${spec.label} sign-in cancelled; nothing was saved.`);
}

function retryCommand(spec: ProviderAccountSpec): string {
  return `openclaw onboard --auth-choice ${spec.deviceAuth.authChoice}`;
}

export function parseDeviceCode(payload: unknown): DeviceCode | undefined {
  const body = (payload && typeof payload === "object" ? payload : {}) as Record<string, unknown>;
  const code = typeof body.code === "string" ? body.code.trim() : "";
  const verificationUrl = typeof body.verificationUrl === "string" ? body.verificationUrl.trim() : "";
  const expiresIn = typeof body.expiresIn === "number" ? body.expiresIn : Number(body.expiresIn);
  if (!code || !/^https?:\/\//.test(verificationUrl) || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  return { code, verificationUrl, expiresInSeconds: expiresIn };
}

function resolvePollInterval(options: DeviceCodeFlowOptions): number {
  // OPENCLAW_DEVICE_AUTH_POLL_MS overrides the spec's interval (tests set a short one).
  const fromEnv = Number(options.env?.OPENCLAW_DEVICE_AUTH_POLL_MS);
  const chosen = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : options.spec.deviceAuth.pollIntervalMs;
  return Math.max(50, chosen);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function startDeviceCode(options: Pick<DeviceCodeFlowOptions, "spec" | "baseUrl" | "env" | "signal">): Promise<DeviceCode> {
  const { spec } = options;
  const url = `${accountOrigin(options.baseUrl)}${spec.deviceAuth.startPath}`;
  const reply = await requestJson(url, {
    method: "POST",
    body: {},
    env: options.env,
    timeoutMs: REQUEST_TIMEOUT_MS,
    headers: { Accept: "application/json" },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (reply.status === 429) {
    throw failure("DEVICE_AUTH_RATE_LIMITED", `${spec.deviceAuth.rateLimitedMessage}; wait a few minutes, then run \`${retryCommand(spec)}\` again.`);
  }
  if (reply.status < 200 || reply.status >= 300) {
    throw failure("DEVICE_AUTH_START_FAILED", `${spec.label} could not start a sign-in (HTTP ${reply.status} from ${url}); retry later or use an API key.`);
  }
  const code = parseDeviceCode(reply.json);
  if (!code) throw failure("DEVICE_AUTH_BAD_REPLY", `${spec.label} answered the sign-in request without a code and URL (${url}).`);
  return code;
}

/** Runs the whole flow. Denied, expired, rate-limited and cancelled each throw a one-line OpenClawError. */
export async function runDeviceCodeFlow(options: DeviceCodeFlowOptions): Promise<DeviceSignIn> {
  const { spec, signal } = options;
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (signal?.aborted) throw cancelledError(spec);
      throw err;
    }
  };

  const code = await guard(() => startDeviceCode(options));
  await options.onCode(code);
  const deadline = Date.now() + code.expiresInSeconds * 1000;
  const pollUrl = `${accountOrigin(options.baseUrl)}${spec.deviceAuth.pollPath.replace("{code}", encodeURIComponent(code.code))}`;
  let interval = resolvePollInterval(options);
  const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  options.onWaiting?.(secondsLeft());
  const ticker = options.onWaiting ? setInterval(() => options.onWaiting?.(secondsLeft()), 1000) : undefined;
  const expired = failure("DEVICE_AUTH_EXPIRED", `The ${spec.label} sign-in code expired before it was approved; nothing was saved. Run \`${retryCommand(spec)}\` to get a new one.`);

  try {
    for (;;) {
      const wait = Math.min(interval, deadline - Date.now());
      if (wait <= 0) throw expired;
      await guard(() => sleep(wait, signal));
      let reply;
      try {
        reply = await guard(() =>
          requestJson(pollUrl, {
            env: options.env,
            timeoutMs: REQUEST_TIMEOUT_MS,
            headers: { Accept: "application/json" },
            ...(signal ? { signal } : {}),
          }),
        );
      } catch (err) {
        // A lost poll is not a verdict: keep trying until the code expires (cancellation still ends it).
        if (err instanceof OpenClawError && err.code === "DEVICE_AUTH_CANCELLED") throw err;
        continue;
      }
      const body = (reply.json && typeof reply.json === "object" ? reply.json : {}) as Record<string, unknown>;
      if (reply.status === 200) {
        const token = typeof body.token === "string" ? body.token.trim() : "";
        if (body.status === "approved" && token) {
          const email = typeof body.userEmail === "string" && body.userEmail.trim() ? body.userEmail.trim() : undefined;
          return { token, ...(email ? { email } : {}) };
        }
        if (body.status === "denied") throw failure("DEVICE_AUTH_DENIED", deniedMessage(spec));
        if (body.status === "expired") throw expired;
        continue; // 200 without an approved token: treat as still pending
      }
      if (reply.status === 202) continue;
      if (reply.status === 403) throw failure("DEVICE_AUTH_DENIED", deniedMessage(spec));
      if (reply.status === 410 || reply.status === 404) throw expired;
      if (reply.status === 429) interval = Math.min(interval * 2, 30_000);
      // Other statuses (5xx): transient, keep polling until the deadline.
    }
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

function deniedMessage(spec: ProviderAccountSpec): string {
  return `The ${spec.label} sign-in was denied in the browser; nothing was saved. Run \`${retryCommand(spec)}\` to try again.`;
}

/** An AbortController that Ctrl-C (SIGINT) aborts while `run` is in progress. */
export async function withInterruptAbort<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const release = onInterrupt(() => controller.abort(new Error("interrupted")));
  try {
    return await run(controller.signal);
  } finally {
    release();
  }
}
