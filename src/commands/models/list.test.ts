import { describe, expect, it } from "vitest";
import { mergeLiveCatalog, mergeModelLists } from "../../agents/kilocode-models-cache.js";
import { parseCatalog } from "../../agents/kilocode-models.js";
import type { OpenClawConfig } from "../../config/types.js";
import { createCapturingRuntime } from "../../runtime.js";
import {
  buildModelListJson,
  formatModelListJsonPieces,
  formatModelTable,
  formatModelTablePieces,
  modelsListCommand,
  type ModelCatalogSource,
  type ModelListRow,
} from "./list.js";

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
    // Printed in pieces of whole lines; together they are the table.
    const output = runtime.logs.join("\n");
    const lines = output.split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(ROWS + 1);
    expect(lines[0]).toMatch(/^MODEL\s+NAME/);
    expect(output).toContain(`kilocode/vendor49/model-${ROWS - 1}`);
  }, 60_000);

  it("prints --json without overflowing the stack", async () => {
    const runtime = createCapturingRuntime();
    await modelsListCommand({ cfg, opts: { provider: "kilocode", all: true, json: true }, runtime, env: {}, catalog: catalogOf(hugeCatalogPayload()) });
    const parsed = JSON.parse(runtime.logs.join("\n")) as { count: number };
    expect(parsed.count).toBeGreaterThanOrEqual(ROWS);
  }, 60_000);
});

const sampleRow = (index: number, extra: Partial<ModelListRow> = {}): ModelListRow => ({
  key: `kilocode/vendor/model-${index}`,
  name: `Model "${index}"\t✓`,
  input: index % 2 ? "text" : "text+image",
  contextWindow: index % 3 ? 128_000 : null,
  local: false,
  available: index % 4 === 0 ? null : index % 4 === 1,
  tags: index === 0 ? ["default", "configured"] : [],
  missing: index === 6,
  provider: "kilocode",
  id: `vendor/model-${index}`,
  maxTokens: index % 5 ? 8192 : null,
  reasoning: index % 2 === 0,
  cost: index % 3 ? { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 0 } : null,
  source: "catalog",
  ...extra,
});

describe("output in pieces", () => {
  const rows = Array.from({ length: 7 }, (_, index) => sampleRow(index));

  it("--json pieces, each a run of whole lines, are JSON.stringify(document, null, 2) byte for byte", () => {
    const document = buildModelListJson({ rows, hidden: 2, notes: ["a note", 'with "quotes"'] });
    const whole = JSON.stringify(document, null, 2);
    for (const perPiece of [1, 2, 3, 7, 100]) {
      const pieces = [...formatModelListJsonPieces(document, perPiece)];
      expect(pieces.join("\n")).toBe(whole);
      expect(pieces.length).toBe(Math.ceil(rows.length / perPiece) + 2);
    }
    const empty = buildModelListJson({ rows: [], hidden: 0, notes: [] });
    expect([...formatModelListJsonPieces(empty, 2)]).toEqual([JSON.stringify(empty, null, 2)]);
  });

  it("table pieces are the table's lines, header first, aligned and without trailing spaces", () => {
    const pieces = [...formatModelTablePieces(rows, 3)];
    expect(pieces).toHaveLength(3);
    const lines = pieces.join("\n").split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toMatch(/^MODEL {2,}NAME {2,}CONTEXT {2}INPUT {2,}AUTH {2}TAGS$/);
    expect(lines[1]).toBe(`${"kilocode/vendor/model-0".padEnd(23)}  ${'Model "0"\t✓'.padEnd(11)}  ${"-".padEnd(7)}  text+image  -     default,configured,reasoning`);
    expect(lines[2]).toMatch(/ 125k +text +yes$/);
    expect(lines[7]).toMatch(/ no +reasoning,missing$/);
    for (const line of lines) expect(line).toBe(line.trimEnd());
    expect(formatModelTable(rows)).toBe(lines.join("\n"));
  });

  it("table pieces hold rowsPerPiece lines each (the last one the rest), whatever the piece size", () => {
    const whole = formatModelTable(rows);
    for (let size = 1; size <= rows.length + 2; size++) {
      const pieces = [...formatModelTablePieces(rows, size)];
      expect(pieces.join("\n")).toBe(whole);
      const counts = pieces.map((piece) => piece.split("\n").length);
      expect(counts.slice(0, -1).every((count) => count === size)).toBe(true);
      expect(counts.at(-1)).toBeLessThanOrEqual(size);
    }
    expect([...formatModelTablePieces([], 4)]).toEqual([formatModelTable([])]);
    // A piece size below one is one row a piece, not a loop that never ends.
    for (const size of [0, -3, 0.5]) expect([...formatModelTablePieces(rows, size)]).toEqual([...formatModelTablePieces(rows, 1)]);
    const document = buildModelListJson({ rows, hidden: 0, notes: [] });
    for (const size of [0, -3, 0.5]) expect([...formatModelListJsonPieces(document, size)]).toEqual([...formatModelListJsonPieces(document, 1)]);
  });

  it("table lines are each cell padded to its column and the line trimmed at its end, even for white space in a cell", () => {
    const odd = [
      sampleRow(0, { name: "" }),
      sampleRow(1, { name: "  spaced  ", tags: [" "] }),
      sampleRow(2, { tags: ["x\u00a0"], reasoning: false }),
      sampleRow(3, { name: "wide name with é and 𝄞", available: true }),
      sampleRow(4, { tags: [], reasoning: false, available: null }),
    ];
    const widths = [0, 1, 2, 3, 4].map((column) =>
      Math.max(
        ["MODEL", "NAME", "CONTEXT", "INPUT", "AUTH"][column]!.length,
        ...odd.map((row) => [row.key, row.name, row.contextWindow ? "125k" : "-", row.input, row.available === null ? "-" : row.available ? "yes" : "no"][column]!.length),
      ),
    );
    const expected = odd.map((row) => {
      const tag = [...row.tags, ...(row.reasoning ? ["reasoning"] : []), ...(row.missing ? ["missing"] : [])].join(",");
      const auth = row.available === null ? "-" : row.available ? "yes" : "no";
      const cells = [row.key, row.name, row.contextWindow ? "125k" : "-", row.input].map((cell, column) => cell.padEnd(widths[column]!));
      return `${cells.join("  ")}  ${tag ? `${auth.padEnd(widths[4]!)}  ${tag}` : auth}`.trimEnd();
    });
    expect(formatModelTable(odd).split("\n").slice(1)).toEqual(expected);
  });
});

/**
 * A million catalog rows through the pure pipeline (parse -> merge -> rows -> table and --json). The output
 * is checked piece by piece as it is printed and not kept: the --json document alone is about 400 MB.
 */
describe("models list --all on a 1 000 000-row catalog", () => {
  const MILLION = 1_000_000;

  it("prints the table and --json without crashing", async () => {
    const data = new Array<unknown>(MILLION);
    for (let index = 0; index < MILLION; index++) {
      data[index] = { id: `vendor${index % 50}/model-${index}`, name: `Model ${index}`, context_length: 128_000, pricing: { prompt: "0.000001" } };
    }
    const live = parseCatalog("kilocode", { data }).models;
    data.length = 0;
    // The provider's configured (built-in) models come first, then the live rows.
    let configuredCount = 0;
    const catalog: ModelCatalogSource = {
      providers: ["kilocode"],
      label: () => "test catalog",
      load: async ({ configured }) => {
        configuredCount = configured.length;
        return { models: mergeLiveCatalog(configured, live, []) };
      },
    };

    let tableLines = 0;
    let lastLine = "";
    const table = { ...createCapturingRuntime(), log: (piece: string) => {
      const lines = piece.split("\n");
      tableLines += lines.length;
      lastLine = lines[lines.length - 1]!;
    } };
    await modelsListCommand({ cfg, opts: { provider: "kilocode", all: true }, runtime: table, env: {}, catalog });
    expect(tableLines).toBe(1 + configuredCount + MILLION);
    expect(lastLine).toMatch(new RegExp(`^kilocode/vendor49/model-${MILLION - 1} +Model ${MILLION - 1} +125k +text +- *$`));

    // Each middle piece is a run of whole rows: parse it as an array to check it and count the rows.
    const pieces: string[] = [];
    let rowsSeen = 0;
    let lastId = "";
    const json = { ...createCapturingRuntime(), log: (piece: string) => {
      if (pieces.length === 0 || piece.startsWith("  ]")) {
        pieces.push(piece);
        return;
      }
      const block = JSON.parse(`[${piece.endsWith(",") ? piece.slice(0, -1) : piece}]`) as { id: string }[];
      rowsSeen += block.length;
      lastId = block[block.length - 1]!.id;
      pieces.push("");
    } };
    await modelsListCommand({ cfg, opts: { provider: "kilocode", all: true, json: true }, runtime: json, env: {}, catalog });
    expect(rowsSeen).toBe(configuredCount + MILLION);
    expect(lastId).toBe(`vendor49/model-${MILLION - 1}`);
    // Head and tail, with the rows left out, are the rest of the document.
    const document = JSON.parse(`${pieces[0]}]${pieces[pieces.length - 1]!.slice(3)}`) as { count: number; models: unknown[]; hiddenByAllowlist: number };
    expect(document).toEqual({ count: configuredCount + MILLION, models: [], hiddenByAllowlist: 0, notes: [] });
  }, 300_000);
});
