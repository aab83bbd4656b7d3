/** Session transcripts as JSONL under `<stateDir>/agents/main/sessions/<id>.jsonl`. */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveSessionsDir } from "../../config/paths.js";
import { OpenClawError } from "../../infra/errors.js";
import { ensurePrivateDir } from "../../infra/json-file.js";
import type { EnvRecord } from "../../infra/env.js";

const SESSION_ID = /^[A-Za-z0-9._-]{1,128}$/;

export type SessionEntry =
  | { type: "session"; version: 1; id: string; timestamp: string }
  | { type: "message"; timestamp: string; message: unknown }
  | { type: "custom"; customType: string; data: unknown };

export function validateSessionId(id: string): string {
  if (!SESSION_ID.test(id) || id === "." || id === "..") {
    throw new OpenClawError("SESSION_ID", `Invalid --session-id "${id}": use 1-128 letters, digits, ".", "_" or "-".`, {
      hint: "e.g. --session-id work-2026",
    });
  }
  return id;
}

export class SessionStore {
  readonly file: string;

  constructor(readonly id: string, env: EnvRecord = process.env) {
    this.file = path.join(resolveSessionsDir(env), `${validateSessionId(id)}.jsonl`);
  }

  readEntries(): SessionEntry[] {
    if (!existsSync(this.file)) return [];
    const entries: SessionEntry[] = [];
    const lines = readFileSync(this.file, "utf8").split("\n");
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      try {
        entries.push(JSON.parse(line) as SessionEntry);
      } catch {
        throw new OpenClawError("SESSION_CORRUPT", `Session file ${this.file} has a broken line ${index + 1}.`, {
          hint: "Fix or delete that line, or use another --session-id.",
        });
      }
    });
    return entries;
  }

  /** The replayable messages, oldest first. */
  readMessages(): unknown[] {
    return this.readEntries().flatMap((entry) => (entry.type === "message" ? [entry.message] : []));
  }

  async append(entries: readonly SessionEntry[]): Promise<void> {
    ensurePrivateDir(path.dirname(this.file));
    const header: SessionEntry[] = existsSync(this.file) ? [] : [{ type: "session", version: 1, id: this.id, timestamp: new Date().toISOString() }];
    appendFileSync(this.file, [...header, ...entries].map((entry) => JSON.stringify(entry)).join("\n") + "\n", { mode: 0o600 });
  }
}
