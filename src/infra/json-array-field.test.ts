import { describe, expect, it } from "vitest";
import { ArrayFieldReader } from "./json-array-field.js";

/** Runs the reader over `text` cut into chunks of the given sizes (cycled); returns its view or its error. */
function read(text: string, chunkSizes: number[], batchBytes: number) {
  const received: { starts: number; items: unknown[]; batches: number } = { starts: 0, items: [], batches: 0 };
  const reader = new ArrayFieldReader(
    "data",
    {
      start() {
        received.starts++;
        received.items = [];
      },
      items(batch) {
        received.batches++;
        received.items.push(...batch);
      },
    },
    batchBytes,
  );
  const bytes = Buffer.from(text, "utf8");
  // The reader borrows the bytes around a batch for its brackets: the caller's bytes must come back as given.
  const original = Buffer.from(bytes);
  try {
    let at = 0;
    for (let turn = 0; at < bytes.length; turn++) {
      const size = chunkSizes[turn % chunkSizes.length]!;
      // A Uint8Array view, not a Buffer, on odd turns: the proxy path hands those on.
      const piece = bytes.subarray(at, at + size);
      reader.write(turn % 2 ? new Uint8Array(piece.buffer, piece.byteOffset, piece.length) : piece);
      at += size;
    }
    return { ok: true as const, ...reader.end(), received };
  } catch (err) {
    return { ok: false as const, err };
  } finally {
    expect(bytes.equals(original), "the reader changed the bytes it was given").toBe(true);
  }
}

/** What JSON.parse says the reader must give. */
function expected(text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false as const };
  }
  const root = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  const fieldIsArray = root !== undefined && Array.isArray(root.data);
  const document = fieldIsArray ? { ...root, data: [] } : parsed;
  return { ok: true as const, document, fieldIsArray, items: fieldIsArray ? (root!.data as unknown[]) : undefined };
}

function check(text: string, chunkSizes: number[], batchBytes: number) {
  const want = expected(text);
  const got = read(text, chunkSizes, batchBytes);
  if (!want.ok) {
    expect(got.ok, `accepted bad JSON: ${JSON.stringify(text)}`).toBe(false);
    if (!got.ok) expect(got.err).toBeInstanceOf(SyntaxError);
    return;
  }
  if (!got.ok) throw new Error(`rejected good JSON ${JSON.stringify(text)}: ${String(got.err)}`);
  expect(got.fieldIsArray).toBe(want.fieldIsArray);
  expect(got.document).toEqual(want.document);
  if (want.items) expect(got.received.items).toEqual(want.items);
}

// A small deterministic PRNG, so a failure reproduces.
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

const TRICKY_STRINGS = ["},{", "]", "[", "}", '"', "\\", "a\\\"b", ",", "é☃𝄞", "\u0000\u001f", "data", "},{\"id\":1}", ""];

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 4 : 7));
  switch (pick) {
    case 0:
      return Math.floor(random() * 2000) - 1000;
    case 1:
      return TRICKY_STRINGS[Math.floor(random() * TRICKY_STRINGS.length)]!;
    case 2:
      return random() < 0.5 ? null : random() < 0.5;
    case 3:
      return random() * 1e6;
    case 4:
    case 5: {
      const object: Record<string, unknown> = {};
      const keys = Math.floor(random() * 4);
      for (let index = 0; index < keys; index++) object[random() < 0.2 ? "data" : `k${index}${TRICKY_STRINGS[index % 5]}`] = randomValue(random, depth + 1);
      return object;
    }
    default:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  }
}

function randomDocument(random: () => number): string {
  const items = Array.from({ length: Math.floor(random() * 30) }, () =>
    random() < 0.7 ? { id: `m${Math.floor(random() * 100)}`, nested: randomValue(random, 1), list: [{ a: 1 }, { b: [2] }] } : randomValue(random, 1),
  );
  const shape = Math.floor(random() * 10);
  const body =
    shape === 0
      ? JSON.stringify(items)
      : shape === 1
        ? `{"before":${JSON.stringify(randomValue(random, 1))},"data":${JSON.stringify(items)},"data":${JSON.stringify(randomValue(random, 1))}}`
        : shape === 2
          ? `{"d\\u0061ta":${JSON.stringify(items)}}`
          : shape === 3
            ? `{"data":"not an array","data":${JSON.stringify(items)}}`
            : JSON.stringify({ object: "list", data: items, after: randomValue(random, 1) }, null, random() < 0.3 ? 2 : random() < 0.5 ? "\t" : 0);
  return random() < 0.2 ? ` \n${body}\r\n ` : body;
}

const BREAKERS = [",", "]", "[", "}", "{", '"', ":", " ", "\\", "x", "1"];

describe("ArrayFieldReader", () => {
  it("hands on a catalog's rows in batches and returns the rest of the document", () => {
    const rows = Array.from({ length: 500 }, (_, index) => ({ id: `vendor/model-${index}`, tags: ["a", "b"], pricing: { prompt: "0.1" } }));
    const text = JSON.stringify({ object: "list", data: rows, total: 500 });
    const got = read(text, [4096], 1024);
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.received.items).toEqual(rows);
    expect(got.received.starts).toBe(1);
    // Batches of about 1 KB, not one parse of the whole array.
    expect(got.received.batches).toBeGreaterThan(10);
    expect(got.document).toEqual({ object: "list", data: [], total: 500 });
    expect(got.fieldIsArray).toBe(true);
  });

  it("cuts exactly when a guessed cut falls inside an item (a nested `},{`, a string holding one)", () => {
    const rows = Array.from({ length: 300 }, (_, index) => ({ id: index, endpoints: [{ a: 1 }, { b: 2 }], note: "x},{y" }));
    const text = JSON.stringify({ data: rows });
    for (const batchBytes of [1, 16, 100, 1000]) {
      const got = read(text, [777, 1, 4096], batchBytes);
      expect(got.ok && got.received.items).toEqual(rows);
    }
  });

  it("agrees with JSON.parse on generated documents, chunked and batched every which way", () => {
    const random = prng(14);
    for (let round = 0; round < 400; round++) {
      const text = randomDocument(random);
      const chunks = [1 + Math.floor(random() * 40), 1 + Math.floor(random() * 400), 1];
      const batchBytes = [1, 3, 20, 200, 65536][Math.floor(random() * 5)]!;
      check(text, chunks, batchBytes);
    }
  });

  it("rejects what JSON.parse rejects: truncated, mutated, trailing commas, two roots, a byte-order mark", () => {
    const random = prng(41);
    const fixed = ['{"data":[1,]}', '{"data":[,1]}', '{"data":[1,,2]}', '{"data":[1 2]}', '{"data":[1]]}', '{"data":[{]}', '{"data":[1]} {}',
      '\ufeff{"data":[]}', '{"data":[', '{"data":[1', '{"data":[]', "", " ", '{"data":[}', '{"data":[1,2,3,]}'];
    for (const text of fixed) {
      check(text, [1], 1);
      check(text, [1000], 2);
    }
    for (let round = 0; round < 400; round++) {
      const text = randomDocument(random);
      const at = Math.floor(random() * text.length);
      const mutated =
        random() < 0.3 ? text.slice(0, at) : `${text.slice(0, at)}${BREAKERS[Math.floor(random() * BREAKERS.length)]}${text.slice(at + (random() < 0.5 ? 1 : 0))}`;
      check(mutated, [1 + Math.floor(random() * 50)], [1, 5, 64][Math.floor(random() * 3)]!);
    }
  });

  it("an empty array and a missing field", () => {
    expect(read('{"data":[]}', [1], 1)).toMatchObject({ ok: true, fieldIsArray: true, received: { starts: 1, items: [] } });
    expect(read('{"data":  [ ]  }', [2], 1)).toMatchObject({ ok: true, fieldIsArray: true, received: { items: [] } });
    expect(read('{"models":[1]}', [3], 1)).toMatchObject({ ok: true, fieldIsArray: false, document: { models: [1] }, received: { starts: 0 } });
    expect(read("[1,2]", [3], 1)).toMatchObject({ ok: true, fieldIsArray: false, document: [1, 2] });
  });
});
