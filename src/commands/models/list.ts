/** `openclaw models list`: what the user can put after `--model`, with where each entry comes from. */
import type { CatalogTarget } from "../../agents/kilocode-models.js";
import { resolveEffectiveProviders, type EffectiveProvider } from "../../agents/models-config.providers.js";
import { modelKey, parseModelRef, resolveAllowedModelRefs, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import type { ModelDefinitionConfig, OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { normalizeProviderId } from "../../providers/api-key-providers.js";
import type { RuntimeEnv } from "../../runtime.js";
import type { EnvRecord } from "../../infra/env.js";
import { resolveCatalogTarget } from "./catalog-source.js";
import { ModelListRows, newTableCells, readTableCells, sliceRows, type ModelListRow, type RowList } from "./list-rows.js";
import { configuredModelKeys, createModelTagger, FewById, formatTokenCount, isLocalBaseUrl, readAgentModelView, type ModelTagger } from "./shared.js";

export type { ModelListRow, RowList } from "./list-rows.js";

/** The `--json` document; its rows are written out a piece at a time by formatModelListJsonPieces. */
export type ModelListJson = { count: number; models: RowList; hiddenByAllowlist: number; notes: string[] };

/** The `--json` document (pure, so other commands can reuse it). */
export function buildModelListJson(list: { rows: RowList; hidden: number; notes: string[] }): ModelListJson {
  return { count: list.rows.length, models: list.rows, hiddenByAllowlist: list.hidden, notes: list.notes };
}

/** Whether the provider has a usable key (profile, env or config); the catalog never needs one. */
export type ProviderAvailability = (provider: string) => Promise<boolean>;

/**
 * Supplies extra models for some providers (live catalogs); `configured` models always stay. The caller
 * passes the effective provider as a `target` (base URL, organisation, key).
 */
export type ModelCatalogSource = {
  providers: readonly string[];
  label: (provider: string) => string;
  load: (params: { target: CatalogTarget; configured: ModelDefinitionConfig[]; refresh: boolean }) => Promise<{ models: ModelDefinitionConfig[]; note?: string }>;
};

export type ListOptions = { provider?: string; all?: boolean; json?: boolean; refresh?: boolean };

export async function buildModelList(params: {
  cfg: OpenClawConfig;
  env?: EnvRecord;
  opts: ListOptions;
  catalog?: ModelCatalogSource;
  isAvailable?: ProviderAvailability;
}): Promise<{ rows: ModelListRows; hidden: number; notes: string[] }> {
  const { cfg, opts } = params;
  const view = readAgentModelView(cfg);
  const providers = resolveEffectiveProviders({ cfg, env: params.env });
  const wanted = opts.provider ? normalizeProviderId(opts.provider) : undefined;
  if (wanted && !providers[wanted]) {
    throw new OpenClawError("UNKNOWN_PROVIDER", `Unknown provider "${opts.provider}" for --provider.`, {
      hint: `Known providers: ${Object.keys(providers).join(", ")}`,
    });
  }
  const primary = resolveConfiguredModelRef(cfg);
  const primaryKey = modelKey(primary.provider, primary.model);
  const allowed = opts.all ? undefined : resolveAllowedModelRefs(cfg);
  // Per-row work stays flat for catalogs of 100 000+ rows: tags come from a lookup built once, and only
  // the keys the config names are remembered (for the "missing" rows below), not every listed key.
  const tagsOf = createModelTagger(cfg, primaryKey, view);
  const namedKeys = configuredModelKeys(cfg, view);
  const named = new Set(namedKeys);
  const listed = new Set<string>();
  const rows = new ModelListRows();
  const notes: string[] = [];
  let hidden = 0;
  for (const provider of Object.values(providers)) {
    if (wanted && provider.id !== wanted) continue;
    let models = provider.models;
    const catalog = params.catalog?.providers.includes(provider.id) ? params.catalog : undefined;
    if (catalog && !opts.all && wanted === provider.id) {
      notes.push(`Showing configured models only; add --all to include the ${catalog.label(provider.id)}.`);
    }
    if (catalog && opts.all) {
      const target = await resolveCatalogTarget(provider, { cfg, env: params.env ?? process.env });
      const extra = await catalog.load({ target, configured: models, refresh: opts.refresh ?? false });
      models = extra.models;
      if (extra.note) notes.push(extra.note);
    }
    const available = (await params.isAvailable?.(provider.id)) ?? null;
    hidden += pushProviderRows(rows, models, { provider, available, allowed, named, listed, tagsOf });
  }
  // Refs the config names that no provider defines: listed (as OpenClaw does) so a typo is visible, and so
  // a default picked from a gateway's live catalog never vanishes from the list (it shows as "missing").
  for (const key of namedKeys) {
    const ref = parseModelRef(key);
    if (!ref || listed.has(key) || (wanted && ref.provider !== wanted) || providers[ref.provider]?.models.some((model) => model.id === ref.model)) continue;
    if (allowed && !allowed.has(key)) continue;
    rows.push({
      key,
      name: key,
      input: "-",
      contextWindow: null,
      local: null,
      available: null,
      tags: tagsOf(key),
      missing: true,
      provider: ref.provider,
      id: ref.model,
      maxTokens: null,
      reasoning: false,
      cost: null,
      source: "config",
    });
  }
  return { rows, hidden, notes };
}

type ProviderRowsContext = {
  provider: EffectiveProvider;
  available: boolean | null;
  allowed: ReadonlySet<string> | undefined;
  /** Keys the config names; those listed are added to `listed`. */
  named: ReadonlySet<string>;
  listed: Set<string>;
  tagsOf: ModelTagger;
};

/**
 * Adds the rows of one provider's models; returns how many the allowlist hid. Its own function (not a
 * loop inside the async buildModelList) so V8 optimizes just this loop. Per model, the config's keys are
 * looked up by model id: a key is a new string, and hashing it for each lookup costs more.
 */
function pushProviderRows(rows: ModelListRows, models: readonly ModelDefinitionConfig[], context: ProviderRowsContext): number {
  const { provider, available, allowed, named, listed, tagsOf } = context;
  const keyPrefix = modelKey(provider.id, "");
  const namedById = new Map<string, true>();
  for (const key of named) if (key.startsWith(keyPrefix)) namedById.set(key.slice(keyPrefix.length), true);
  const namedIds = new FewById(namedById);
  const shown = allowed ? models.filter((model) => allowed.has(keyPrefix + model.id)) : models;
  for (let index = 0; index < shown.length; index++) {
    const id = shown[index]!.id;
    if (namedIds.has(id)) listed.add(keyPrefix + id);
  }
  rows.addGroup({
    models: shown,
    keyPrefix,
    cells: { local: isLocalBaseUrl(provider.baseUrl), available, provider: provider.id, source: provider.source },
    tagsById: tagsOf.byModelId(keyPrefix),
  });
  return models.length - shown.length;
}

/** Rows per printed piece: output goes out in pieces of a few hundred KB, never one string of the whole list. */
const ROWS_PER_PIECE = 2048;

/** Rows per piece as asked, as a small integer, and at least one (a size of 0 would never end). */
function pieceSize(rowsPerPiece: number): number {
  return rowsPerPiece >= 1 ? rowsPerPiece | 0 : 1;
}

const TABLE_HEADER = ["MODEL", "NAME", "CONTEXT", "INPUT", "AUTH", "TAGS"] as const;

const TRAILING_SPACE = /\s$/u;

/** Whether `text` ends in white space as trimEnd sees it; printable ASCII (the usual last character) needs no regex. */
function endsInSpace(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last > 0x20 && last < 0x7f) return false;
  return TRAILING_SPACE.test(text);
}
const spaceRuns: string[] = [];

/** A string of `count` spaces (none for count <= 0), each length made once. */
function spaces(count: number): string {
  if (count <= 0) return "";
  let run = spaceRuns[count];
  if (run === undefined) {
    run = " ".repeat(count);
    spaceRuns[count] = run;
  }
  return run;
}

function authCell(available: boolean | null): string {
  return available === null ? "-" : available ? "yes" : "no";
}

function tagsCell(row: Pick<ModelListRow, "tags" | "reasoning" | "missing">): string {
  let cell = row.tags.length ? row.tags.join(",") : "";
  if (row.reasoning) cell = cell ? `${cell},reasoning` : "reasoning";
  if (row.missing) cell = cell ? `${cell},missing` : "missing";
  return cell;
}

/**
 * The table as pieces of whole lines (header first), each to be printed as one line-terminated write.
 * Computed column by column: no per-row array of cells, and a context window's label is formatted once.
 */
export function* formatModelTablePieces(rows: RowList, rowsPerPiece: number = ROWS_PER_PIECE): Generator<string> {
  // Two plain functions (measure, then render a piece) rather than two loops in this generator: V8 then
  // optimizes each loop once, where a generator's second loop threw away the code made for its first.
  const perPiece = pieceSize(rowsPerPiece);
  const layout = measureTable(rows);
  let header: string | undefined = tableLine(layout, ...TABLE_HEADER);
  let start = 0;
  do {
    // Not Math.min: its result is a double, and an index compared with a double is not a small integer.
    const room = start + perPiece - (header === undefined ? 0 : 1);
    const end = room < rows.length ? room : rows.length;
    yield renderTableRows(rows, layout, start, end, header).join("\n");
    header = undefined;
    start = end;
  } while (start < rows.length);
}

/** Column widths, and the cells computed per row (context label, tags), of a table of `rows`. */
type TableLayout = {
  keyWidth: number;
  nameWidth: number;
  contextWidth: number;
  inputWidth: number;
  authWidth: number;
  contexts: readonly string[];
  tags: readonly string[];
};

function measureTable(rows: RowList): TableLayout {
  const count = rows.length;
  const contexts = new Array<string>(count);
  const tags = new Array<string>(count);
  const contextLabels = new Map<number | null, string>();
  const cells = newTableCells();
  // Loops, not Math.max(...rows): spreading a 100 000-row catalog into arguments overflows the stack.
  let keyWidth = TABLE_HEADER[0].length;
  let nameWidth = TABLE_HEADER[1].length;
  let contextWidth = TABLE_HEADER[2].length;
  let inputWidth = TABLE_HEADER[3].length;
  let authWidth = TABLE_HEADER[4].length;
  for (let index = 0; index < count; index++) {
    readTableCells(rows, index, cells);
    let context = contextLabels.get(cells.contextWindow);
    if (context === undefined) {
      context = formatTokenCount(cells.contextWindow);
      contextLabels.set(cells.contextWindow, context);
    }
    contexts[index] = context;
    tags[index] = tagsCell(cells);
    const keyLength = cells.keyPrefix.length + cells.keyRest.length;
    if (keyLength > keyWidth) keyWidth = keyLength;
    if (cells.name.length > nameWidth) nameWidth = cells.name.length;
    if (context.length > contextWidth) contextWidth = context.length;
    if (cells.input.length > inputWidth) inputWidth = cells.input.length;
    if (authCell(cells.available).length > authWidth) authWidth = authCell(cells.available).length;
  }
  return { keyWidth, nameWidth, contextWidth, inputWidth, authWidth, contexts, tags };
}

/**
 * The lines of rows[start..end), after `first` when given. The array is made at its size and filled by
 * index: a fresh `[]` holds small integers until its first push, and pushing a string into it threw away
 * the optimized code of this loop at every piece.
 */
function renderTableRows(rows: RowList, layout: TableLayout, start: number, end: number, first: string | undefined): string[] {
  const lines = new Array<string>(end - start + (first === undefined ? 0 : 1));
  const cells = newTableCells();
  let at = 0;
  if (first !== undefined) lines[at++] = first;
  for (let index = start; index < end; index++) {
    readTableCells(rows, index, cells);
    lines[at++] = tableLine(layout, cells.keyPrefix + cells.keyRest, cells.name, layout.contexts[index]!, cells.input, authCell(cells.available), layout.tags[index]!);
  }
  return lines;
}

/** Two spaces past the end of `text` in a column `width` wide. */
function gap(width: number, text: string): string {
  return spaces(width - text.length + 2);
}

// Cells are joined with runs of spaces from one cache (no padEnd copy per cell), and a line is trimmed
// only when its last cell ends in white space: both were a third of the table's cost at 100 000 rows.
function tableLine(layout: TableLayout, key: string, name: string, context: string, input: string, auth: string, tag: string): string {
  const { keyWidth, nameWidth, contextWidth, inputWidth, authWidth } = layout;
  const head = key + gap(keyWidth, key) + name + gap(nameWidth, name) + context + gap(contextWidth, context) + input + gap(inputWidth, input);
  if (!tag) return endsInSpace(auth) ? (head + auth).trimEnd() : head + auth;
  const text = head + auth + gap(authWidth, auth) + tag;
  return endsInSpace(tag) ? text.trimEnd() : text;
}

export function formatModelTable(rows: RowList): string {
  return [...formatModelTablePieces(rows)].join("\n");
}

// `JSON.stringify({ models: rows }, null, 2)` puts each row at the indentation it has in the document.
const ROWS_OPEN = '{\n  "models": [\n'.length;
const ROWS_CLOSE = "\n  ]\n}".length;

/**
 * `JSON.stringify(document, null, 2)` as pieces of whole lines, byte for byte: the rows are stringified a
 * block at a time, so a million-row list is never one string (V8 caps strings at about 512 MB).
 */
export function* formatModelListJsonPieces(document: ModelListJson, rowsPerPiece: number = ROWS_PER_PIECE): Generator<string> {
  const rows = document.models;
  if (!rows.length) {
    yield JSON.stringify({ ...document, models: [] }, null, 2);
    return;
  }
  const marker = "\u0000models";
  const shell = JSON.stringify({ ...document, models: marker }, null, 2);
  const quoted = JSON.stringify(marker);
  const at = shell.indexOf(quoted);
  yield `${shell.slice(0, at)}[`;
  const perPiece = pieceSize(rowsPerPiece);
  for (let start = 0; start < rows.length; start += perPiece) {
    const end = Math.min(start + perPiece, rows.length);
    const block = JSON.stringify({ models: sliceRows(rows, start, end) }, null, 2);
    yield block.slice(ROWS_OPEN, block.length - ROWS_CLOSE) + (end < rows.length ? "," : "");
  }
  yield `  ]${shell.slice(at + quoted.length)}`;
}

export async function modelsListCommand(params: {
  cfg: OpenClawConfig;
  opts: ListOptions;
  runtime: RuntimeEnv;
  env?: EnvRecord;
  catalog?: ModelCatalogSource;
  isAvailable?: ProviderAvailability;
}): Promise<void> {
  const { rows, hidden, notes } = await buildModelList(params);
  // Printed a piece at a time (each a run of whole lines): the same bytes as one write, without holding
  // the whole output, which for a million rows would not even fit in one string.
  if (params.opts.json) {
    for (const piece of formatModelListJsonPieces(buildModelListJson({ rows, hidden, notes }))) params.runtime.log(piece);
    return;
  }
  if (!rows.length) params.runtime.log("No models.");
  else for (const piece of formatModelTablePieces(rows)) params.runtime.log(piece);
  for (const note of notes) params.runtime.error(note);
  if (hidden > 0) {
    params.runtime.error(
      `${hidden} more model(s) hidden: agents.defaults.models in openclaw.json acts as an allowlist. Use --all to list everything.`,
    );
  }
}
