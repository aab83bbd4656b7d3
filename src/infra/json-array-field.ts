/**
 * Reads one JSON document from a byte stream and hands on the items of its root object's `field` array
 * (a catalog's `data`) in batches of about `batchBytes` as the bytes arrive. The document is never one
 * string nor one parsed tree: parsed whole, a 100 000-row catalog kept ~200 MB of young objects alive until
 * its last row was mapped, and copying them from one GC space to the next was a quarter of the run.
 *
 * Every byte is still checked by `JSON.parse` itself, a batch at a time: the items go through
 * `JSON.parse("[" + batch + "]")`, and everything else (the "skeleton": the document with each `field`
 * array emptied) through one `JSON.parse` at the end. So the result is JSON.parse's: the same items, and
 * a SyntaxError for exactly the documents it rejects.
 */

import { decodeText } from "./json-file.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Where a batch is cut when the items are objects written compactly: between `}` and `{`. */
const OBJECT_SEPARATOR = Buffer.from("},{");
const EMPTY_ARRAY = Buffer.from("[]");

export type ArrayFieldSink = {
  /** A root-level `field` array begins. Called again for a repeated key, whose last value JSON.parse keeps. */
  start(): void;
  /** The next items of that array, in order. */
  items(batch: unknown[]): void;
};

export type ArrayFieldDocument = {
  /** The document as JSON.parse gives it, with every root-level `field` array emptied. */
  document: unknown;
  /** Whether the root is an object whose (last) `field` value is an array, i.e. what the sink received. */
  fieldIsArray: boolean;
};

function endOfInput(): SyntaxError {
  return new SyntaxError("Unexpected end of JSON input");
}

export class ArrayFieldReader {
  // The skeleton, and where its scan stands.
  private readonly skeleton: Buffer[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private rootIsObject: boolean | undefined;
  private expectKey = false;
  private keyBytes: number[] | undefined;
  private lastKey: string | undefined;
  private expectValue = false;
  private fieldIsArray = false;

  // Inside a `field` array: bytes not yet parsed, starting at an item boundary.
  private inArray = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** A comma ended the previous batch, so an item must follow. */
  private itemDue = false;
  /** Cutting at `},{` and letting JSON.parse confirm the cut; off for good after one wrong guess. */
  private guessCuts = true;
  // The exact scan of `pending` (from its start), resumed when more bytes arrive.
  private scanAt = 0;
  private scanDepth = 0;
  private scanInString = false;
  private scanEscaped = false;

  constructor(
    private readonly field: string,
    private readonly sink: ArrayFieldSink,
    private readonly batchBytes: number = 64 * 1024,
  ) {}

  write(chunk: Uint8Array): void {
    let rest: Buffer | undefined = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (rest && rest.length) {
      if (this.inArray) {
        this.pending.push(rest);
        this.pendingBytes += rest.length;
        rest = this.pendingBytes >= 2 * this.batchBytes ? this.drainArray(false) : undefined;
      } else {
        rest = this.scanSkeleton(rest);
      }
    }
  }

  /** The whole document has arrived: parses what is left. Throws JSON.parse's SyntaxError for bad JSON. */
  end(): ArrayFieldDocument {
    while (this.inArray) {
      const rest = this.drainArray(true);
      if (rest && rest.length) this.write(rest);
    }
    const document: unknown = JSON.parse(decodeText(Buffer.concat(this.skeleton)));
    return { document, fieldIsArray: this.fieldIsArray };
  }

  /** Scans skeleton bytes; returns what follows the `[` of a `field` array, or undefined when all is read. */
  private scanSkeleton(bytes: Buffer): Buffer | undefined {
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.keyBytes) this.endKey();
          continue;
        }
        this.keyBytes?.push(byte);
        continue;
      }
      if (isJsonSpace(byte)) continue;
      this.rootIsObject ??= byte === OPEN_BRACE;
      if (this.expectValue && this.depth === 1) {
        this.expectValue = false;
        if (this.lastKey === this.field) {
          this.fieldIsArray = byte === OPEN_BRACKET;
          if (this.fieldIsArray) {
            this.skeleton.push(bytes.subarray(0, index), EMPTY_ARRAY);
            this.enterArray();
            return bytes.subarray(index + 1);
          }
        }
      }
      switch (byte) {
        case QUOTE:
          this.inString = true;
          if (this.expectKey && this.depth === 1 && this.rootIsObject) this.keyBytes = [];
          this.expectKey = false;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.depth++;
          this.expectKey = this.depth === 1 && byte === OPEN_BRACE;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.depth--;
          break;
        case COMMA:
          this.expectKey = this.depth === 1;
          break;
        case COLON:
          this.expectValue = this.depth === 1;
          break;
      }
    }
    this.skeleton.push(bytes);
    return undefined;
  }

  private endKey(): void {
    const raw = Buffer.from(this.keyBytes!).toString("utf8");
    this.keyBytes = undefined;
    try {
      this.lastKey = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      this.lastKey = undefined; // A bad escape: the skeleton's JSON.parse reports it.
    }
  }

  private enterArray(): void {
    this.inArray = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.itemDue = false;
    this.resetScan();
    this.sink.start();
  }

  private resetScan(): void {
    this.scanAt = 0;
    this.scanDepth = 0;
    this.scanInString = false;
    this.scanEscaped = false;
  }

  /**
   * Parses the whole batches in `pending`. Returns the bytes after the array's `]` when it was reached (the
   * array is then done), else keeps the unparsed tail in `pending`. `final`: no more bytes will come.
   */
  private drainArray(final: boolean): Buffer | undefined {
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let start = 0;
    for (;;) {
      if (this.guessCuts && !final) {
        // The cheap cut: a `},{` past the batch size. If it lies inside a string or a nested value, the
        // batch is not a run of whole items and JSON.parse rejects it: then scan exactly from here on.
        const separator = bytes.indexOf(OBJECT_SEPARATOR, start + this.batchBytes);
        if (separator < 0) break;
        let batch: unknown[];
        try {
          batch = this.parseBatch(bytes, start, separator + 1);
        } catch {
          this.guessCuts = false;
          continue;
        }
        this.sink.items(batch);
        start = separator + 2;
        this.itemDue = true;
        continue;
      }
      const cut = this.scanForCut(bytes, start);
      if (cut === undefined) {
        if (final) throw endOfInput();
        break;
      }
      const batch = this.parseBatch(bytes, start, cut);
      if (batch.length === 0 && (this.itemDue || bytes[cut] === COMMA)) throw new SyntaxError(`Unexpected token ',' or ']' in JSON at batch end`);
      if (batch.length) this.sink.items(batch);
      this.resetScan();
      if (bytes[cut] === CLOSE_BRACKET) {
        this.inArray = false;
        this.pending = [];
        this.pendingBytes = 0;
        return bytes.subarray(cut + 1);
      }
      start = cut + 1;
      this.itemDue = true;
    }
    const tail = bytes.subarray(start);
    this.pending = tail.length ? [tail] : [];
    this.pendingBytes = tail.length;
    // The exact scan's position was counted from the old start of `pending`.
    if (this.scanAt >= start) this.scanAt -= start;
    else this.resetScan();
    return undefined;
  }

  /**
   * The exact scan: the next comma between items past the batch size, or the `]` that closes the array.
   * Resumes where the last scan of this batch stopped.
   */
  private scanForCut(bytes: Buffer, start: number): number | undefined {
    if (this.scanAt < start) {
      this.resetScan();
      this.scanAt = start;
    }
    let depth = this.scanDepth;
    let inString = this.scanInString;
    let escaped = this.scanEscaped;
    const minCut = start + this.batchBytes;
    let index = this.scanAt;
    for (; index < bytes.length; index++) {
      const byte = bytes[index]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 0) {
          if (byte === CLOSE_BRACE) throw new SyntaxError("Unexpected token '}' in JSON array");
          return index;
        }
        depth--;
      } else if (byte === COMMA && depth === 0 && index >= minCut) return index;
    }
    this.scanAt = index;
    this.scanDepth = depth;
    this.scanInString = inString;
    this.scanEscaped = escaped;
    return undefined;
  }

  private parseBatch(bytes: Buffer, start: number, end: number): unknown[] {
    if (start === 0 || end >= bytes.length) return JSON.parse(`[${decodeText(bytes.subarray(start, end))}]`) as unknown[];
    // The byte before the batch (a comma) and the one after it become the array's brackets for the parse,
    // and are put back after: the batch is decoded once, not decoded and then copied into "[" + batch + "]".
    const before = bytes[start - 1]!;
    const after = bytes[end]!;
    bytes[start - 1] = OPEN_BRACKET;
    bytes[end] = CLOSE_BRACKET;
    try {
      return JSON.parse(decodeText(bytes.subarray(start - 1, end + 1))) as unknown[];
    } finally {
      bytes[start - 1] = before;
      bytes[end] = after;
    }
  }
}
