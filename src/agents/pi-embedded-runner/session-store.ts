/**
 * Session transcripts as JSONL under `<stateDir>/agents/main/sessions/<id>.jsonl`.
 *
 * A turn reads the file from its end and stops once the history budget is spent (see session-history.ts),
 * so its cost follows the model's context window, not the length of the conversation. Each message entry
 * stores a token estimate at write time; entries written without one (older files, other tools) are
 * estimated from their line length.
 *
 * A damaged line (cut off by a crash, `null`, not an entry, a message of the wrong shape) never locks the
 * session: it is skipped with one warning, the original file is copied aside, and the line is removed so
 * the warning is not repeated. A UTF-8 byte order mark is ignored.
 */
import { isAscii } from "node:buffer";
import { closeSync, constants, copyFileSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { resolveSessionsDir } from "../../config/paths.js";
import { isPlainObject } from "../../infra/plain-object.js";
import { OpenClawError } from "../../infra/errors.js";
import { ensurePrivateDir, PRIVATE_FILE_MODE, symlinkRefusedError, writeTextFileAtomic } from "../../infra/json-file.js";
import type { EnvRecord } from "../../infra/env.js";
import { estimateTokens, estimateTokensFromBytes, HistoryFitter } from "./session-history.js";

const SESSION_ID = /^[A-Za-z0-9._-]{1,128}$/;
const NEWLINE = 0x0a;
const BOM = "\uFEFF";
const DEFAULT_CHUNK_BYTES = 64 * 1024;

/** Custom entry written on turns whose history was cut, so the stderr note is shown once per session. */
export const HISTORY_TRIMMED_CUSTOM_TYPE = "openclaw.history-trimmed";

export type SessionEntry =
  | { type: "session"; version: 1; id: string; timestamp: string }
  | { type: "message"; timestamp: string; message: unknown; tokens?: number }
  | { type: "custom"; customType: string; data: unknown };

export type SessionHistory = {
  /** Messages to replay, oldest first. */
  messages: unknown[];
  /** Estimated tokens of `messages`. */
  tokens: number;
  /** Whether older messages were left out to fit the budget. */
  dropped: boolean;
  /** Whether an earlier turn already told the user that history is being cut. */
  alreadyNoted: boolean;
  /** One-line warnings about damaged lines that were skipped (and removed). */
  warnings: string[];
};

export function validateSessionId(id: string): string {
  if (!SESSION_ID.test(id) || id === "." || id === "..") {
    throw new OpenClawError("SESSION_ID", `Invalid --session-id "${id}": use 1-128 letters, digits, ".", "_" or "-".`, {
      hint: "e.g. --session-id work-2026",
    });
  }
  return id;
}

/** Whether a stored message can be handed to the transport without it tripping over the shape. */
function isReplayableShape(message: unknown): boolean {
  if (!isPlainObject(message) || typeof message.role !== "string") return false;
  const { content } = message;
  if (typeof content === "string") return message.role === "user";
  return Array.isArray(content) && content.every(isPlainObject);
}

/**
 * One line of the file: an entry, a line to skip silently (blank, or an entry kind this slice does not
 * replay), or `undefined` for a damaged line.
 */
export function parseSessionLine(line: string): SessionEntry | "skip" | undefined {
  const text = line.startsWith(BOM) ? line.slice(1) : line;
  if (text.trim() === "") return "skip";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || typeof value.type !== "string") return undefined;
  if (value.type === "message") return isReplayableShape(value.message) ? (value as SessionEntry) : undefined;
  if (value.type === "session" || value.type === "custom") return value as SessionEntry;
  // Upstream writes other entry kinds (model changes, compaction, ...); they are not replayed here.
  return "skip";
}

function readFully(fd: number, buffer: Buffer, position: number): void {
  let offset = 0;
  while (offset < buffer.length) {
    const read = readSync(fd, buffer, offset, buffer.length - offset, position + offset);
    if (read === 0) throw new Error("the file shrank while it was read");
    offset += read;
  }
}

/** Called with each line (its text, size in bytes and byte offset), last first; returns false to stop. */
type LineVisitor = (text: string, bytes: number, start: number) => boolean;

/**
 * Visits the lines of `block` (whole lines, at byte offset `offset` in the file), last first. Returns false
 * when the visitor stopped. An ASCII block (the usual case) is decoded once, its newlines found with one
 * forward scan of the text, and each line is a slice of it (characters and bytes then coincide). Any other
 * block is split on its newline bytes and each line decoded on its own, so sizes and offsets stay in bytes.
 */
function visitBlockFromEnd(block: Buffer, offset: number, visit: LineVisitor): boolean {
  if (!isAscii(block)) {
    let end = block.length;
    while (end > 0) {
      const newline = block.lastIndexOf(NEWLINE, end - 1);
      const from = newline + 1;
      if (end > from && !visit(block.toString("utf8", from, end), end - from, offset + from)) return false;
      end = newline;
    }
    return true;
  }
  const text = block.toString("latin1");
  const newlines: number[] = [];
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) newlines.push(newline);
  let end = text.length;
  for (let index = newlines.length; index >= 0; index--) {
    const from = index > 0 ? newlines[index - 1]! + 1 : 0;
    if (end > from && !visit(text.slice(from, end), end - from, offset + from)) return false;
    end = from - 1;
  }
  return true;
}

/**
 * Visits the file's lines, last first, reading it backwards in chunks of `chunkBytes` until the visitor
 * stops. One buffer serves every chunk. A chunk's bytes before its first newline end a line that begins
 * further back: they stay at the front of the buffer and are moved just past the next chunk read (as
 * bytes, so a multi-byte character is never split), so that the lines after that chunk's first newline
 * are whole and contiguous. Only that piece is copied; the buffer grows for a line longer than a chunk.
 */
function visitLinesFromEnd(fd: number, size: number, chunkBytes: number, visit: LineVisitor): void {
  let buffer = Buffer.allocUnsafeSlow(Math.min(chunkBytes, size) * 2);
  let position = size;
  // Bytes at the front of the buffer that end a line whose beginning is in the next chunk read.
  let carried = 0;
  while (position > 0) {
    const length = Math.min(chunkBytes, position);
    position -= length;
    if (length + carried > buffer.length) {
      const larger = Buffer.allocUnsafeSlow(2 * (length + carried));
      buffer.copy(larger, length, 0, carried);
      buffer = larger;
    } else {
      buffer.copyWithin(length, 0, carried);
    }
    readFully(fd, buffer.subarray(0, length), position);
    const newline = buffer.subarray(0, length).indexOf(NEWLINE);
    if (newline === -1) {
      carried += length;
      continue;
    }
    if (!visitBlockFromEnd(buffer.subarray(newline + 1, length + carried), position + newline + 1, visit)) return;
    carried = newline;
  }
  if (carried > 0) visitBlockFromEnd(buffer.subarray(0, carried), 0, visit);
}

export class SessionStore {
  readonly file: string;

  constructor(readonly id: string, env: EnvRecord = process.env) {
    this.file = path.join(resolveSessionsDir(env), `${validateSessionId(id)}.jsonl`);
  }

  /** The file's size in bytes (0 when there is none yet). */
  sizeBytes(): number {
    return statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
  }

  /** Every readable entry, oldest first; damaged lines are left out (the whole file is parsed). */
  readEntries(): SessionEntry[] {
    const text = this.readWhole();
    if (text === undefined) return [];
    const entries: SessionEntry[] = [];
    for (const line of text.split("\n")) {
      const entry = parseSessionLine(line);
      if (entry !== undefined && entry !== "skip") entries.push(entry);
    }
    return entries;
  }

  /** Every replayable message, oldest first (the whole file is parsed; turns use `readHistory`). */
  readMessages(): unknown[] {
    return this.readEntries().flatMap((entry) => (entry.type === "message" ? [entry.message] : []));
  }

  /**
   * The newest messages that fit `budget` estimated tokens, read from the end of the file. Damaged lines
   * met on the way are skipped, reported in `warnings`, and removed from the file after copying it aside.
   */
  async readHistory(budget: number, options: { chunkBytes?: number } = {}): Promise<SessionHistory> {
    const fd = this.open();
    if (fd === undefined) return { messages: [], tokens: 0, dropped: false, alreadyNoted: false, warnings: [] };
    const damaged: { start: number; end: number }[] = [];
    let alreadyNoted = false;
    let size: number;
    const fitter = new HistoryFitter(budget);
    try {
      size = fstatSync(fd).size;
      visitLinesFromEnd(fd, size, options.chunkBytes ?? DEFAULT_CHUNK_BYTES, (text, bytes, start) => {
        const entry = parseSessionLine(text);
        if (entry === undefined) {
          damaged.push({ start, end: Math.min(size, start + bytes + 1) });
          return true;
        }
        if (entry === "skip") return true;
        if (entry.type === "custom") {
          if (entry.customType === HISTORY_TRIMMED_CUSTOM_TYPE) alreadyNoted = true;
          return true;
        }
        if (entry.type !== "message") return true;
        const stored = entry.tokens;
        return fitter.offer(entry.message, typeof stored === "number" && Number.isFinite(stored) && stored > 0 ? stored : estimateTokensFromBytes(bytes));
      });
    } catch (err) {
      throw this.unreadable(err);
    } finally {
      closeSync(fd);
    }
    const warnings = damaged.length > 0 ? [await this.removeDamaged(damaged)] : [];
    return { ...fitter.result(), alreadyNoted, warnings };
  }

  async append(entries: readonly SessionEntry[]): Promise<void> {
    ensurePrivateDir(path.dirname(this.file));
    const fresh = !existsSync(this.file);
    const header: SessionEntry[] = fresh ? [{ type: "session", version: 1, id: this.id, timestamp: new Date().toISOString() }] : [];
    const lines = [...header, ...entries].map((entry) =>
      JSON.stringify(entry.type === "message" && entry.tokens === undefined ? { ...entry, tokens: estimateTokens(entry.message) } : entry),
    );
    const fd = this.openForAppend();
    try {
      // A file that does not end in a newline (hand-edited, or cut by a crash) must not swallow our first line.
      const prefix = fresh || this.endsWithNewline(fd) ? "" : "\n";
      writeSync(fd, `${prefix}${lines.join("\n")}\n`);
    } finally {
      closeSync(fd);
    }
  }

  /** Appends never follow a symlink at the session file (O_NOFOLLOW) nor block on a FIFO. */
  private openForAppend(): number {
    const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
    let fd: number;
    try {
      fd = openSync(this.file, flags, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ELOOP") throw symlinkRefusedError(this.file, "or use another --session-id");
      throw this.unreadable(err);
    }
    this.assertRegular(fd);
    return fd;
  }

  private endsWithNewline(fd: number): boolean {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === NEWLINE;
  }

  /** Copies the file aside, then rewrites it without the damaged byte ranges. Returns the warning line. */
  private async removeDamaged(damaged: { start: number; end: number }[]): Promise<string> {
    const backup = `${this.file}.broken-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    const count = `${damaged.length} damaged line${damaged.length === 1 ? "" : "s"}`;
    try {
      copyFileSync(this.file, backup);
      const whole = readFileSync(this.file);
      // Ranges arrive last first; keep everything between them, and anything appended since the read.
      const kept: Buffer[] = [];
      let cursor = 0;
      for (const range of [...damaged].reverse()) {
        kept.push(whole.subarray(cursor, range.start));
        cursor = range.end;
      }
      kept.push(whole.subarray(cursor));
      let repaired = Buffer.concat(kept).toString("utf8");
      if (repaired.length > 0 && !repaired.endsWith("\n")) repaired += "\n";
      await writeTextFileAtomic(this.file, repaired, { mode: PRIVATE_FILE_MODE });
      return `Warning: session ${this.file}: skipped ${count} (cut off or not a session entry); the original is kept at ${backup}.`;
    } catch (err) {
      return `Warning: session ${this.file}: skipped ${count} (cut off or not a session entry); the file could not be repaired (${(err as Error).message}).`;
    }
  }

  private open(): number | undefined {
    let fd: number;
    try {
      // Non-blocking open: a FIFO at the session path is refused below instead of waiting for a writer.
      fd = openSync(this.file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw this.unreadable(err);
    }
    this.assertRegular(fd);
    return fd;
  }

  private readWhole(): string | undefined {
    const fd = this.open();
    if (fd === undefined) return undefined;
    try {
      return readFileSync(fd, "utf8");
    } catch (err) {
      throw this.unreadable(err);
    } finally {
      closeSync(fd);
    }
  }

  private assertRegular(fd: number): void {
    const stats = fstatSync(fd);
    if (stats.isFile()) return;
    closeSync(fd);
    const reason = stats.isDirectory() ? "is a directory" : "not a regular file";
    throw this.unreadable(Object.assign(new Error(reason), { code: stats.isDirectory() ? "EISDIR" : "EINVAL" }));
  }

  private unreadable(err: unknown): OpenClawError {
    if (err instanceof OpenClawError) return err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (err as Error).message;
    return new OpenClawError("SESSION_UNREADABLE", `Cannot read session ${this.file}: ${reason}`, {
      hint: "Fix the file's permissions, or use another --session-id.",
      cause: err,
    });
  }
}
