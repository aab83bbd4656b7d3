import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway } from "../../../test/helpers/fake-gateway.js";
import { FAKE_DEVICE_TOKEN } from "../../../test/helpers/fake-account.js";
import { findAccountSpec } from "../../providers/account-spec.js";

const KILOCODE_ACCOUNT = findAccountSpec("kilocode")!;
import { isOpenClawError } from "../../infra/errors.js";
import { parseDeviceCode, runDeviceCodeFlow, type DeviceCode } from "./device-code.js";

const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });

function run(extra: { signal?: AbortSignal; onWaiting?: (s: number) => void } = {}) {
  const shown: DeviceCode[] = [];
  const promise = runDeviceCodeFlow({
    spec: KILOCODE_ACCOUNT,
    baseUrl: gateway().baseUrl,
    env: { OPENCLAW_DEVICE_AUTH_POLL_MS: "20" },
    onCode: (code) => void shown.push(code),
    ...extra,
  });
  return { promise, shown };
}

async function failureCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return isOpenClawError(err) ? err.code : String(err);
  }
  return undefined;
}

describe("runDeviceCodeFlow", () => {
  it("starts at the origin of the base URL, polls through pending and returns token and email", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending", "pending", "approved"], code: "AB CD" });
    const waits: number[] = [];
    const { promise, shown } = run({ onWaiting: (s) => waits.push(s) });
    await expect(promise).resolves.toEqual({ token: FAKE_DEVICE_TOKEN, email: "ada@example.test" });
    expect(shown[0]).toMatchObject({ code: "AB CD", expiresInSeconds: 600 });
    expect(gateway().requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/device-auth/codes",
      "GET /api/device-auth/codes/AB%20CD",
      "GET /api/device-auth/codes/AB%20CD",
      "GET /api/device-auth/codes/AB%20CD",
      // the email came with the approval: no profile read needed here
    ]);
    expect(waits[0]).toBe(600);
  });

  it("keeps polling through a 503 and a 429 on the poll (not a verdict)", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["server-error", "rate-limited", "approved"] });
    await expect(run().promise).resolves.toMatchObject({ token: FAKE_DEVICE_TOKEN });
  });

  it.each([
    [["denied"], "DEVICE_AUTH_DENIED"],
    [["pending", "expired"], "DEVICE_AUTH_EXPIRED"],
  ] as const)("%j -> %s", async (polls, code) => {
    gateway().account.scriptDeviceAuth({ polls: [...polls] });
    expect(await failureCode(run().promise)).toBe(code);
  });

  it("expires on the client clock when the server keeps saying pending", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending"], expiresIn: 0.3 });
    expect(await failureCode(run().promise)).toBe("DEVICE_AUTH_EXPIRED");
  });

  it("429 on start is the too-many-pending error", async () => {
    gateway().account.scriptDeviceAuth({ start: "rate-limited" });
    expect(await failureCode(run().promise)).toBe("DEVICE_AUTH_RATE_LIMITED");
  });

  it("an abort (Ctrl-C) ends the wait promptly as a cancellation", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending"] });
    const controller = new AbortController();
    const { promise } = run({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error("interrupted")), 100);
    expect(await failureCode(promise)).toBe("DEVICE_AUTH_CANCELLED");
  });

  it("rejects a start reply without code, URL or expiry", () => {
    expect(parseDeviceCode({ code: "x", verificationUrl: "https://k/x", expiresIn: 600 })).toBeDefined();
    expect(parseDeviceCode({ code: "x", verificationUrl: "javascript:alert(1)", expiresIn: 600 })).toBeUndefined();
    expect(parseDeviceCode({ code: "", verificationUrl: "https://k/x", expiresIn: 600 })).toBeUndefined();
    expect(parseDeviceCode({ code: "x", verificationUrl: "https://k/x" })).toBeUndefined();
  });
});
