import { describe, expect, it } from "vitest";
import { mergeModelLists } from "../../agents/kilocode-models-cache.js";
import { parseCatalog } from "../../agents/kilocode-models.js";
import type { OpenClawConfig } from "../../config/types.js";
import { createCapturingRuntime } from "../../runtime.js";
import { modelsListCommand, type ModelCatalogSource } from "./list.js";

const ROWS = 150_000;

function hugeCatalogPayload(): { data: unknown[] } {
  const data = new Array<unknown>(ROWS);
  for (let index = 0; index < ROWS; index++) {
    data[index] = { id: `vendor${index % 50}/model-${index}`, name: `Model ${index}`, context_length: 128_000, architecture: { output_modalities: ["text"] } };
  }
  return { data };
}

/** The live catalog as `models list --all` gets it: the real payload parser and merge, no network. */
function catalogOf(payload: unknown): ModelCatalogSource {
  return {
    providers: ["kilocode"],
    label: () => "test catalog",
    load: async ({ configured }) => ({ models: mergeModelLists(configured, parseCatalog("kilocode", payload).models) }),
  };
}

const cfg: OpenClawConfig = { models: { providers: { kilocode: { baseUrl: "http://127.0.0.1:9/api/gateway/", models: [] } } } };

describe("models list --all on a 150 000-row catalog", () => {
  it("prints the table without overflowing the stack", async () => {
    const runtime = createCapturingRuntime();
    await modelsListCommand({ cfg, opts: { provider: "kilocode", all: true }, runtime, env: {}, catalog: catalogOf(hugeCatalogPayload()) });
    const lines = (runtime.logs[0] ?? "").split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(ROWS + 1);
    expect(lines[0]).toMatch(/^MODEL\s+NAME/);
    expect(runtime.logs[0]).toContain(`kilocode/vendor49/model-${ROWS - 1}`);
  }, 60_000);

  it("prints --json without overflowing the stack", async () => {
    const runtime = createCapturingRuntime();
    await modelsListCommand({ cfg, opts: { provider: "kilocode", all: true, json: true }, runtime, env: {}, catalog: catalogOf(hugeCatalogPayload()) });
    const parsed = JSON.parse(runtime.logs[0] ?? "") as { count: number };
    expect(parsed.count).toBeGreaterThanOrEqual(ROWS);
  }, 60_000);
});
