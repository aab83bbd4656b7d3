/**
 * Account routes for the fake gateway (device-code sign-in, profile, balance), served at the gateway's
 * origin like Kilo's. Tests script the answers: the start reply, then one verdict per poll
 * ("pending" xN, "approved", "denied", "expired"), the profile and the balance.
 */
import type http from "node:http";

export type DevicePoll = "pending" | "approved" | "denied" | "expired" | "rate-limited" | "server-error";

export type FakeAccountProfile = { user?: Record<string, unknown>; organizations?: unknown[]; [extra: string]: unknown };

export type FakeAccount = {
  /** The next sign-in: `start` "ok" (default) or "rate-limited"; `polls` answered in order, the last one repeats. */
  scriptDeviceAuth: (script: { start?: "ok" | "rate-limited"; polls?: DevicePoll[]; token?: string; email?: string; expiresIn?: number; code?: string }) => void;
  setProfile: (profile: FakeAccountProfile, status?: number) => void;
  setBalance: (balance: unknown, status?: number) => void;
  /** Milliseconds before answering profile/balance (timeouts). */
  setDelayMs: (ms: number) => void;
  /** How many polls were answered since the last script. */
  polls: () => number;
  reset: () => void;
};

export const FAKE_DEVICE_TOKEN = "kilo-device-token-0123456789abcdef";
export const FAKE_ACCOUNT_EMAIL = "ada@example.test";

type State = {
  start: "ok" | "rate-limited";
  polls: DevicePoll[];
  polled: number;
  token: string;
  email: string;
  expiresIn: number;
  code: string;
  profile: FakeAccountProfile;
  profileStatus: number;
  balance: unknown;
  balanceStatus: number;
  delayMs: number;
};

function initialState(): State {
  return {
    start: "ok",
    polls: ["approved"],
    polled: 0,
    token: FAKE_DEVICE_TOKEN,
    email: FAKE_ACCOUNT_EMAIL,
    expiresIn: 600,
    code: "ABCD-1234",
    profile: { user: { email: FAKE_ACCOUNT_EMAIL, name: "Ada" }, organizations: [] },
    profileStatus: 200,
    balance: 12.34,
    balanceStatus: 200,
    delayMs: 0,
  };
}

function json(res: http.ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

const bearer = (headers: http.IncomingHttpHeaders) => /^Bearer \S+/.test(String(headers.authorization ?? ""));

/** Returns the controller and a route handler; the handler answers (and returns true) for account paths only. */
export function createFakeAccount(origin: () => string): {
  account: FakeAccount;
  handle: (method: string, path: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse) => boolean;
} {
  let state = initialState();
  const later = (fn: () => void) => (state.delayMs ? setTimeout(fn, state.delayMs) : fn());
  const account: FakeAccount = {
    scriptDeviceAuth: (script) => {
      state.start = script.start ?? "ok";
      state.polls = script.polls?.length ? script.polls : ["approved"];
      state.polled = 0;
      if (script.token) state.token = script.token;
      if (script.email) state.email = script.email;
      if (script.expiresIn !== undefined) state.expiresIn = script.expiresIn;
      if (script.code) state.code = script.code;
    },
    setProfile: (profile, status = 200) => {
      state.profile = profile;
      state.profileStatus = status;
    },
    setBalance: (balance, status = 200) => {
      state.balance = balance;
      state.balanceStatus = status;
    },
    setDelayMs: (ms) => {
      state.delayMs = ms;
    },
    polls: () => state.polled,
    reset: () => {
      state = initialState();
    },
  };

  const handle = (method: string, rawPath: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse): boolean => {
    const path = rawPath.replace(/\?.*$/, "");
    if (method === "POST" && path === "/api/device-auth/codes") {
      if (state.start === "rate-limited") json(res, 429, { error: "Too many pending authorization requests" });
      else json(res, 200, { code: state.code, verificationUrl: `${origin()}/device-auth?code=${state.code}`, expiresIn: state.expiresIn });
      return true;
    }
    const poll = /^\/api\/device-auth\/codes\/([^/]+)$/.exec(path);
    if (method === "GET" && poll) {
      if (decodeURIComponent(poll[1]!) !== state.code) {
        json(res, 404, { error: "unknown code" });
        return true;
      }
      const verdict = state.polls[Math.min(state.polled, state.polls.length - 1)]!;
      state.polled++;
      switch (verdict) {
        case "pending":
          json(res, 202, { status: "pending" });
          break;
        case "approved":
          json(res, 200, { status: "approved", token: state.token, userEmail: state.email });
          break;
        case "denied":
          json(res, 403, { status: "denied" });
          break;
        case "expired":
          json(res, 410, { status: "expired" });
          break;
        case "rate-limited":
          json(res, 429, { error: "slow down" });
          break;
        case "server-error":
          json(res, 503, { error: "unavailable" });
          break;
      }
      return true;
    }
    if (method === "GET" && (path === "/api/profile" || path === "/api/profile/balance")) {
      later(() => {
        if (!bearer(headers)) return json(res, 401, { error: "unauthorized" });
        if (path === "/api/profile") json(res, state.profileStatus, state.profile);
        else json(res, state.balanceStatus, { balance: state.balance });
      });
      return true;
    }
    return false;
  };
  return { account, handle };
}
