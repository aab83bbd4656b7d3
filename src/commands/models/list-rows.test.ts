import { describe, expect, it } from "vitest";
import type { ModelDefinitionConfig } from "../../config/types.js";
import { ModelListRows, newTableCells, readTableCells, sliceRows, type ModelListRow, type ProviderRowGroup } from "./list-rows.js";
import { buildModelListJson, formatModelListJsonPieces, formatModelTable } from "./list.js";
import { NO_TAGS } from "./shared.js";

const ROW_KEYS = ["key", "name", "input", "contextWindow", "local", "available", "tags", "missing", "provider", "id", "maxTokens", "reasoning", "cost", "source"];

const model = (id: string, extra: Partial<ModelDefinitionConfig> = {}): ModelDefinitionConfig => ({ id, name: `Name of ${id}`, ...extra });

const kilo: ProviderRowGroup = {
  models: [
    model("a/one", { input: ["text", "image"], contextWindow: 200_000, maxTokens: 8192, reasoning: true, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 0 } }),
    model("a/two"),
  ],
  keyPrefix: "kilocode/",
  cells: { local: false, available: true, provider: "kilocode", source: "catalog" },
  tagsById: new Map([["a/two", ["default"]]]),
};
const local: ProviderRowGroup = {
  models: [model("llama", { input: ["image", "text"] })],
  keyPrefix: "ollama/",
  cells: { local: true, available: null, provider: "ollama", source: "config" },
  tagsById: new Map(),
};
const missing: ModelListRow = {
  key: "x/gone",
  name: "x/gone",
  input: "-",
  contextWindow: null,
  local: null,
  available: null,
  tags: ["fallback#1"],
  missing: true,
  provider: "x",
  id: "gone",
  maxTokens: null,
  reasoning: false,
  cost: null,
  source: "config",
};

function sampleList(): ModelListRows {
  const rows = new ModelListRows();
  rows.addGroup(kilo);
  rows.addGroup(local);
  rows.push(missing);
  return rows;
}

/** The rows sampleList() must give, written out. */
const expectedRows: ModelListRow[] = [
  {
    key: "kilocode/a/one",
    name: "Name of a/one",
    input: "text+image",
    contextWindow: 200_000,
    local: false,
    available: true,
    tags: [],
    missing: false,
    provider: "kilocode",
    id: "a/one",
    maxTokens: 8192,
    reasoning: true,
    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 0 },
    source: "catalog",
  },
  {
    key: "kilocode/a/two",
    name: "Name of a/two",
    input: "text",
    contextWindow: null,
    local: false,
    available: true,
    tags: ["default"],
    missing: false,
    provider: "kilocode",
    id: "a/two",
    maxTokens: null,
    reasoning: false,
    cost: null,
    source: "catalog",
  },
  {
    key: "ollama/llama",
    name: "Name of llama",
    input: "image+text",
    contextWindow: null,
    local: true,
    available: null,
    tags: [],
    missing: false,
    provider: "ollama",
    id: "llama",
    maxTokens: null,
    reasoning: false,
    cost: null,
    source: "config",
  },
  missing,
];

describe("ModelListRows", () => {
  it("makes each provider's rows on read, in order, then the rows pushed after them", () => {
    const rows = sampleList();
    expect(rows.length).toBe(4);
    expect(rows.toArray()).toEqual(expectedRows);
    expect(rows.at(2)!.tags).toBe(NO_TAGS);
    expect(rows.at(3)).toBe(missing);
    expect(rows.at(4)).toBeUndefined();
    expect(rows.at(-1)).toBeUndefined();
  });

  it("gives each row OpenClaw's keys in order, so --json prints them as an object literal would", () => {
    const rows = sampleList();
    for (let index = 0; index < rows.length; index++) expect(Object.keys(rows.at(index)!)).toEqual(ROW_KEYS);
  });

  it("formats and prints the same as the same rows written out in an array", () => {
    const rows = sampleList();
    const array = expectedRows;
    expect(formatModelTable(rows)).toBe(formatModelTable(array));
    const pieces = (list: ModelListRows | ModelListRow[]) => [...formatModelListJsonPieces(buildModelListJson({ rows: list, hidden: 1, notes: ["n"] }), 2)].join("\n");
    expect(pieces(rows)).toBe(pieces(array));
    expect(JSON.parse(pieces(rows))).toEqual({ count: 4, models: JSON.parse(JSON.stringify(array)), hiddenByAllowlist: 1, notes: ["n"] });
    expect(sliceRows(rows, 1, 3)).toEqual(array.slice(1, 3));
  });

  it("reads a row's table cells in place, the same as from the row written out", () => {
    const rows = sampleList();
    const fromList = newTableCells();
    const fromArray = newTableCells();
    expectedRows.forEach((row, index) => {
      readTableCells(rows, index, fromList);
      readTableCells(expectedRows, index, fromArray);
      expect(fromList.keyPrefix + fromList.keyRest).toBe(row.key);
      expect(fromArray.keyPrefix + fromArray.keyRest).toBe(row.key);
      const cells = { name: row.name, contextWindow: row.contextWindow, input: row.input, available: row.available, tags: row.tags, reasoning: row.reasoning, missing: row.missing };
      expect({ ...fromList, keyPrefix: undefined, keyRest: undefined }).toEqual({ ...cells, keyPrefix: undefined, keyRest: undefined });
      expect({ ...fromArray, keyPrefix: undefined, keyRest: undefined }).toEqual({ ...cells, keyPrefix: undefined, keyRest: undefined });
    });
  });

  it("an empty list prints an empty models array", () => {
    const pieces = [...formatModelListJsonPieces(buildModelListJson({ rows: new ModelListRows(), hidden: 0, notes: [] }))];
    expect(JSON.parse(pieces.join("\n"))).toEqual({ count: 0, models: [], hiddenByAllowlist: 0, notes: [] });
  });

  it("refuses provider rows after pushed ones (the order would no longer be the list's)", () => {
    const rows = new ModelListRows();
    rows.push(missing);
    expect(() => rows.addGroup(kilo)).toThrow(/before/);
  });
});
