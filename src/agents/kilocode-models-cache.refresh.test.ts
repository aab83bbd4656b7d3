/**
 * `--refresh` skips the cache read (a 100 000-model cache is tens of MB to read and parse for nothing):
 * proven on the reader itself, with a spy at the module seam, and a positive control without refresh.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useFakeGateway } from "../../test/helpers/fake-gateway.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import type * as jsonFile from "../infra/json-file.js";
import { readTextFileIfExists } from "../infra/json-file.js";
import { loadProviderCatalog } from "./kilocode-models-cache.js";

vi.mock("../infra/json-file.js", async (importOriginal) => {
  const original = await importOriginal<typeof jsonFile>();
  return { ...original, readTextFileIfExists: vi.fn(original.readTextFileIfExists) };
});

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const state = useTempState({ beforeEach, afterEach });
beforeEach(() => {
  fakeGateway().setModelsPayload({ data: [{ id: "vendor/live-model", name: "Live" }] });
  vi.mocked(readTextFileIfExists).mockClear();
});

const load = (refresh: boolean) =>
  loadProviderCatalog({ target: { provider: "kilocode", baseUrl: fakeGateway().baseUrl }, configured: [], env: state().env, refresh, now: () => 1_000_000 });

/** The files under the cache dir that the reader was asked for. */
const cacheReads = () =>
  vi.mocked(readTextFileIfExists).mock.calls.map(([file]) => file).filter((file) => file.startsWith(path.join(state().stateDir, "cache") + path.sep));

describe("loadProviderCatalog and the cache file", () => {
  it("reads a fresh cache when not refreshing (the spy sees the read)", async () => {
    expect((await load(false)).source).toBe("network");
    vi.mocked(readTextFileIfExists).mockClear();
    const cached = await load(false);
    expect(cached.source).toBe("cache");
    expect(cacheReads()).toHaveLength(1);
  });

  it("with refresh, never reads the cache file, then rewrites it from the network", async () => {
    expect((await load(false)).source).toBe("network");
    vi.mocked(readTextFileIfExists).mockClear();
    fakeGateway().setModelsPayload({ data: [{ id: "vendor/newer-model", name: "Newer" }] });
    const refreshed = await load(true);
    expect(refreshed.source).toBe("network");
    expect(refreshed.models.map((model) => model.id)).toContain("vendor/newer-model");
    expect(cacheReads()).toEqual([]);
    // The file it wrote is the one a later run reads.
    const later = await load(false);
    expect(later.source).toBe("cache");
    expect(later.models.map((model) => model.id)).toContain("vendor/newer-model");
    expect(cacheReads()).toHaveLength(1);
  });
});
