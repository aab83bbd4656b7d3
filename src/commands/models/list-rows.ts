/**
 * The rows of `models list`. A provider's rows are made when a formatter reads them and dropped right
 * after: listing a 100 000-model catalog used to keep 100 000 row objects (and a key string for each)
 * alive until the exit, and V8 copied every one of them out of its young generation on the way.
 */
import type { ModelCost, ModelDefinitionConfig } from "../../config/types.js";
import { NO_TAGS } from "./shared.js";

/**
 * One `models list --json` row: OpenClaw's fields first (`key` … `missing`, which scripts read), then
 * ours. `missing` rows are refs the agent config names that no provider defines.
 */
export type ModelListRow = {
  key: string;
  name: string;
  /** Input kinds joined with "+", e.g. "text+image" ("-" when missing). */
  input: string;
  contextWindow: number | null;
  local: boolean | null;
  available: boolean | null;
  tags: string[];
  missing: boolean;
  provider: string;
  id: string;
  maxTokens: number | null;
  reasoning: boolean;
  /** USD per million tokens (the live catalog's real prices; zero for onboarding's catalog). */
  cost: ModelCost | null;
  source: string;
};

/** Rows as the formatters read them: an array, or a ModelListRows that makes each row when asked. */
export type RowList = { readonly length: number; at(index: number): ModelListRow | undefined };

/** rows[start, end) as an array. */
export function sliceRows(rows: RowList, start: number, end: number): ModelListRow[] {
  const out = new Array<ModelListRow>(end - start);
  for (let index = start; index < end; index++) out[index - start] = rows.at(index)!;
  return out;
}

/**
 * What a table line shows of a row, read in place (see readTableCells): the table reads every row twice
 * (widths, then lines), and making a row object and a key string each time was a good part of its cost.
 * The key is `keyPrefix + keyRest`.
 */
export type TableCells = {
  keyPrefix: string;
  keyRest: string;
  name: string;
  contextWindow: number | null;
  input: string;
  available: boolean | null;
  tags: string[];
  reasoning: boolean;
  missing: boolean;
};

export function newTableCells(): TableCells {
  return { keyPrefix: "", keyRest: "", name: "", contextWindow: null, input: "", available: null, tags: NO_TAGS, reasoning: false, missing: false };
}

/** Reads row `index` of `rows` (which must exist) into `cells`. */
export function readTableCells(rows: RowList, index: number, cells: TableCells): void {
  if (rows instanceof ModelListRows) rows.tableCells(index, cells);
  else rowTableCells(rows.at(index)!, cells);
}

function rowTableCells(row: ModelListRow, cells: TableCells): void {
  cells.keyPrefix = "";
  cells.keyRest = row.key;
  cells.name = row.name;
  cells.contextWindow = row.contextWindow;
  cells.input = row.input;
  cells.available = row.available;
  cells.tags = row.tags;
  cells.reasoning = row.reasoning;
  cells.missing = row.missing;
}

/** What every row of one provider shares. */
export type ProviderRowCells = { local: boolean; available: boolean | null; provider: string; source: string };

/** One provider's listed models, and what their rows need besides the model. */
export type ProviderRowGroup = {
  models: readonly ModelDefinitionConfig[];
  /** "<provider>/": a row's key is this and the model id. */
  keyPrefix: string;
  cells: ProviderRowCells;
  /** The tags of the model ids the agent config names (others have none). */
  tagsById: { get(id: string): string[] | undefined };
};

/** Each provider's rows (made on read), then the rows added one by one (the config's missing refs). */
export class ModelListRows implements RowList {
  private readonly groups: ProviderRowGroup[] = [];
  /** The index of each group's first row. */
  private readonly starts: number[] = [];
  private groupRows = 0;
  private readonly added: ModelListRow[] = [];

  /** Adds a provider's rows; they come before any row added by `push`. */
  addGroup(group: ProviderRowGroup): void {
    if (this.added.length) throw new Error("provider rows must come before the added rows");
    this.starts.push(this.groupRows);
    this.groups.push(group);
    this.groupRows += group.models.length;
  }

  push(row: ModelListRow): void {
    this.added.push(row);
  }

  get length(): number {
    return this.groupRows + this.added.length;
  }

  /** The row at `index` (a new object for a provider's row), or undefined past the end. */
  at(index: number): ModelListRow | undefined {
    if (index < 0 || index >= this.groupRows) return index < 0 ? undefined : this.added[index - this.groupRows];
    const group = this.groupOf(index);
    const { models, keyPrefix, cells, tagsById } = this.groups[group]!;
    const model = models[index - this.starts[group]!]!;
    return new ProviderModelRow(model, keyPrefix + model.id, cells, tagsById.get(model.id) ?? NO_TAGS);
  }

  /** Reads row `index` (which must exist) into `cells` without making a row object. */
  tableCells(index: number, cells: TableCells): void {
    if (index >= this.groupRows) {
      rowTableCells(this.added[index - this.groupRows]!, cells);
      return;
    }
    const group = this.groupOf(index);
    const { models, keyPrefix, cells: shared, tagsById } = this.groups[group]!;
    const model = models[index - this.starts[group]!]!;
    cells.keyPrefix = keyPrefix;
    cells.keyRest = model.id;
    cells.name = model.name;
    cells.contextWindow = model.contextWindow ?? null;
    cells.input = inputLabel(model.input);
    cells.available = shared.available;
    cells.tags = tagsById.get(model.id) ?? NO_TAGS;
    cells.reasoning = model.reasoning ?? false;
    cells.missing = false;
  }

  /** The group holding provider row `index`: a handful of providers, so the last one starting at or before it. */
  private groupOf(index: number): number {
    let group = this.groups.length - 1;
    while (this.starts[group]! > index) group--;
    return group;
  }

  toArray(): ModelListRow[] {
    return sliceRows(this, 0, this.length);
  }
}

/**
 * A provider model's row, made by a constructor rather than an object literal: V8 tracks a literal's
 * allocation site, and its changing decisions about where to put such rows threw away the optimized code
 * of the loops making them. The same own keys, in the same order.
 */
class ProviderModelRow implements ModelListRow {
  // Declared in ModelListRow's key order: the order JSON.stringify writes them in.
  readonly key: string;
  readonly name: string;
  readonly input: string;
  readonly contextWindow: number | null;
  readonly local: boolean | null;
  readonly available: boolean | null;
  readonly tags: string[];
  readonly missing = false;
  readonly provider: string;
  readonly id: string;
  readonly maxTokens: number | null;
  readonly reasoning: boolean;
  readonly cost: ModelCost | null;
  readonly source: string;

  constructor(model: ModelDefinitionConfig, key: string, cells: ProviderRowCells, tags: string[]) {
    this.key = key;
    this.name = model.name;
    this.input = inputLabel(model.input);
    this.contextWindow = model.contextWindow ?? null;
    this.local = cells.local;
    this.available = cells.available;
    this.tags = tags;
    this.provider = cells.provider;
    this.id = model.id;
    this.maxTokens = model.maxTokens ?? null;
    this.reasoning = model.reasoning ?? false;
    this.cost = model.cost ?? null;
    this.source = cells.source;
  }
}

/** "text", "text+image"; no join (a new string) for the two common cases. */
function inputLabel(input: readonly string[] | undefined): string {
  if (!input) return "text";
  if (input.length === 1) return input[0]!;
  return input.length === 2 && input[0] === "text" && input[1] === "image" ? "text+image" : input.join("+");
}
