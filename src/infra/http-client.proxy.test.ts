/** The catalog's time limit holds through HTTPS_PROXY/HTTP_PROXY, even when the proxy never answers. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalProxy, type LocalProxy } from "../../test/helpers/local-proxy.js";
import { requestJson } from "./http-client.js";

let silent: LocalProxy;
beforeAll(async () => {
  silent = await startLocalProxy({ silent: true });
});
afterAll(async () => {
  await silent.close();
});

describe("requestJson through a proxy that accepts and never answers", () => {
  it.each([
    ["an http URL (absolute-form request)", "http://127.0.0.1:59999/api/gateway/models"],
    ["an https URL (CONNECT tunnel)", "https://127.0.0.1:59999/api/gateway/models"],
  ])("keeps its time limit for %s", async (_name, url) => {
    const started = Date.now();
    const error = await requestJson(url, { timeoutMs: 500, env: { HTTP_PROXY: silent.url, HTTPS_PROXY: silent.url, NO_PROXY: "" } }).catch((err: unknown) => err);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ code: "HTTP_TIMEOUT" });
    expect(silent.seen.length).toBeGreaterThan(0);
  });
});
