import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../../test/helpers/fake-gateway.js";
import { startLocalProxy, type LocalProxy } from "../../test/helpers/local-proxy.js";
import type { OpenClawError } from "../infra/errors.js";
import { isOpenClawError } from "../infra/errors.js";
import { kilocode } from "../providers/kilocode.js";
import { discoverCatalogModels, mapCatalogRow, parseCatalog } from "./kilocode-models.js";

const mapKilocodeCatalogRow = (row: unknown) => mapCatalogRow(row, kilocode.catalog);
const parseKilocodeCatalog = (payload: unknown) => parseCatalog("kilocode", payload);
const discoverKilocodeModels = (params: Omit<Parameters<typeof discoverCatalogModels>[0], "provider">) =>
  discoverCatalogModels({ provider: "kilocode", ...params });

let gateway: FakeGateway;
let proxy: LocalProxy;
beforeAll(async () => {
  gateway = await startFakeGateway();
  proxy = await startLocalProxy();
});
afterAll(async () => {
  await gateway.close();
  await proxy.close();
});
beforeEach(() => {
  gateway.reset();
  proxy.seen.length = 0;
});

const row = {
  id: "anthropic/claude-sonnet-4.5",
  name: "Anthropic: Claude Sonnet 4.5",
  context_length: 1_000_000,
  architecture: { input_modalities: ["text", "image"], output_modalities: ["text"] },
  top_provider: { max_completion_tokens: 64_000 },
  pricing: { prompt: "0.000003", completion: "0.000015", input_cache_read: "0.0000003", input_cache_write: "0.00000375" },
  supported_parameters: ["include_reasoning", "tools"],
};

describe("mapKilocodeCatalogRow", () => {
  it("maps a full row, converting per-token prices to per-million", () => {
    expect(mapKilocodeCatalogRow(row)).toEqual({
      id: "anthropic/claude-sonnet-4.5",
      name: "Anthropic: Claude Sonnet 4.5",
      reasoning: true,
      input: ["text", "image"],
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      contextWindow: 1_000_000,
      maxTokens: 64_000,
    });
  });

  it("fills defaults for sparse rows and rejects unusable ones", () => {
    expect(mapKilocodeCatalogRow({ id: "x/y" })).toEqual({
      id: "x/y",
      name: "x/y",
      reasoning: false,
      input: ["text"],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 200000,
      maxTokens: 8192,
    });
    expect(mapKilocodeCatalogRow({ id: "img", architecture: { output_modalities: ["image"] } })).toBeUndefined();
    expect(mapKilocodeCatalogRow({ id: 5 })).toBeUndefined();
    expect(mapKilocodeCatalogRow({ name: "no id" })).toBeUndefined();
    expect(mapKilocodeCatalogRow("nope")).toBeUndefined();
    expect(mapKilocodeCatalogRow({ id: "p", pricing: { prompt: "free?" } })?.cost?.input).toBe(0);
  });

  it("parses a catalog, skipping malformed rows and duplicates, and rejects a wrong shape", () => {
    const parsed = parseKilocodeCatalog({ data: [row, row, { id: "" }, null, { id: "ok/model" }] });
    expect(parsed.models.map((model) => model.id)).toEqual(["anthropic/claude-sonnet-4.5", "ok/model"]);
    expect(parsed.skipped).toBe(3);
    expect(() => parseKilocodeCatalog({ models: [] })).toThrow("no data array");
  });
});

describe("catalog rows share their cost objects", () => {
  it("rows with the same prices get one frozen cost object; other prices get their own", () => {
    const other = { ...row, id: "x/other", pricing: { ...row.pricing, prompt: "0.000001" } };
    const { models } = parseKilocodeCatalog({ data: [row, { ...row, id: "x/copy" }, other] });
    expect(models).toHaveLength(3);
    expect(models[1]!.cost).toBe(models[0]!.cost);
    expect(Object.isFrozen(models[0]!.cost)).toBe(true);
    expect(models[2]!.cost).not.toBe(models[0]!.cost);
    expect(models[2]!.cost).toEqual({ input: 1, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
  });

  it("a mapped model has a literal's keys, in the order they are written to openclaw.json", () => {
    expect(Object.keys(mapKilocodeCatalogRow(row)!)).toEqual(["id", "name", "reasoning", "input", "cost", "contextWindow", "maxTokens"]);
  });
});

describe("discoverKilocodeModels", () => {
  it("GETs <baseUrl>models with or without a trailing slash, with the key when there is one", async () => {
    gateway.setModelsPayload({ data: [row] });
    const withKey = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, apiKey: "sk-k", env: {} });
    expect(withKey.models).toHaveLength(1);
    await discoverKilocodeModels({ baseUrl: gateway.baseUrl.replace(/\/$/, ""), env: { KILOCODE_FEATURE: "ci" }, organizationId: "org_1" });
    const [first, second] = gateway.requests;
    expect(first?.path).toBe("/api/gateway/models");
    expect(first?.headers.authorization).toBe("Bearer sk-k");
    expect(first?.headers.accept).toBe("application/json");
    expect(first?.headers["x-kilocode-feature"]).toBe("openclaw");
    expect(second?.path).toBe("/api/gateway/models");
    expect(second?.headers.authorization).toBeUndefined();
    expect(second?.headers["x-kilocode-feature"]).toBe("ci");
    expect(second?.headers["x-kilocode-organizationid"]).toBe("org_1");
  });

  it("turns a 503, bad JSON and a timeout into typed errors naming the URL", async () => {
    gateway.setModelsPayload({ error: "busy" }, 503);
    const unavailable = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} }).catch((err: unknown) => err);
    expect(isOpenClawError(unavailable) && unavailable.code).toBe("HTTP_STATUS");
    expect((unavailable as Error).message).toContain(`${gateway.baseUrl}models answered HTTP 503`);
    gateway.setModelsPayload("<html>", 200);
    const badJson = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} }).catch((err: unknown) => err);
    expect(isOpenClawError(badJson) && badJson.code).toBe("HTTP_BAD_JSON");
    const stalled = await new Promise<http.Server>((resolve) => {
      const server = http.createServer(() => undefined);
      server.listen(0, "127.0.0.1", () => resolve(server));
    });
    const port = (stalled.address() as AddressInfo).port;
    const started = Date.now();
    const timeout = await discoverKilocodeModels({ baseUrl: `http://127.0.0.1:${port}/api/gateway/`, env: {}, timeoutMs: 300 }).catch((err: unknown) => err);
    expect(isOpenClawError(timeout) && timeout.code).toBe("HTTP_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(5000);
    stalled.closeAllConnections();
    stalled.close();
  });

  it("a 401 for a request that carried a key says the key was rejected and how to replace it", async () => {
    gateway.setModelsPayload({ error: { message: "invalid token" } }, 401);
    const rejected = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {}, apiKey: "sk-bad-0123456789" }).catch((err: unknown) => err);
    expect(rejected).toMatchObject({ code: "CATALOG_FETCH", message: "The Kilo catalog rejected the API key (401)" });
    expect((rejected as { hint: string }).hint).toContain("openclaw onboard --non-interactive --auth-choice kilocode-api-key --kilocode-api-key <new key>");
    expect(JSON.stringify(rejected)).not.toContain("sk-bad-0123456789");
  });

  it("reads a big catalog as it arrives: the same models, skips and errors as parsing it whole", async () => {
    const data: unknown[] = [];
    for (let index = 0; index < 6000; index++) {
      data.push({ ...row, id: `vendor/model-${index % 5000}`, note: "a },{ in a string", endpoints: [{ a: 1 }, { b: 2 }] });
      if (index % 997 === 0) data.push({ id: "image/out", architecture: { output_modalities: ["image"] } }, null, "text");
    }
    const payload = { object: "list", data, meta: { total: data.length } };
    gateway.setModelsPayload(payload);
    const streamed = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} });
    const whole = parseKilocodeCatalog(payload);
    expect({ models: streamed.models, skipped: streamed.skipped }).toEqual({ models: whole.models, skipped: whole.skipped });
    expect(streamed.models).toHaveLength(5000);
    // Each id is found where it sits; ids not kept are not found.
    streamed.models.forEach((model, index) => expect(streamed.positionOf(model.id)).toBe(index));
    expect(streamed.positionOf("image/out")).toBe(-1);
    expect(streamed.positionOf("vendor/model-5000")).toBe(-1);
    expect(streamed.skipped).toBe(1000 + 3 * Math.ceil(6000 / 997));
    // A reply that is JSON but not a catalog is a shape error, as when parsed whole.
    gateway.setModelsPayload({ models: data.slice(0, 10) });
    await expect(discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} })).rejects.toMatchObject({ code: "CATALOG_SHAPE" });
    gateway.setModelsPayload({ data: "none" });
    await expect(discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} })).rejects.toMatchObject({ code: "CATALOG_SHAPE" });
    // Cut off mid-row: not JSON.
    gateway.setModelsPayload(JSON.stringify(payload).slice(0, 100_000), 200);
    await expect(discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {} })).rejects.toMatchObject({ code: "HTTP_BAD_JSON" });
  });

  it("refuses a reply over the size limit with CATALOG_TOO_LARGE, and says where to put the models instead", async () => {
    const data = Array.from({ length: 5000 }, (_, index) => ({ ...row, id: `vendor/model-${index}` }));
    gateway.setModelsPayload({ data });
    const tooLarge = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {}, maxBytes: 1024 * 1024 }).catch((err: unknown) => err);
    expect(tooLarge).toMatchObject({ code: "CATALOG_TOO_LARGE", message: "The Kilo catalog is over 1 MiB, too large to read" });
    expect((tooLarge as OpenClawError).hint).toContain("models.providers.kilocode.models");
    // Under the limit, the same reply is read.
    await expect(discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: {}, maxBytes: 4 * 1024 * 1024 })).resolves.toMatchObject({ skipped: 0 });
  });

  it("goes through HTTP_PROXY/HTTPS_PROXY, and NO_PROXY bypasses it", async () => {
    gateway.setModelsPayload({ data: [row] });
    const viaProxy = await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: "" } });
    expect(viaProxy.models).toHaveLength(1);
    expect(proxy.seen.some((line) => line.includes(gateway.origin.replace("http://", "")))).toBe(true);
    proxy.seen.length = 0;
    await discoverKilocodeModels({ baseUrl: gateway.baseUrl, env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
    expect(proxy.seen).toEqual([]);
    expect(gateway.requests).toHaveLength(2);
  });
});
