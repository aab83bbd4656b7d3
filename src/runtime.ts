/**
 * The process edge: commands print and exit through a RuntimeEnv so tests can capture output and
 * turn `exit` into a thrown error instead of ending the test process.
 */
export type RuntimeEnv = {
  log: (message: string) => void;
  error: (message: string) => void;
  /** Never returns for the default runtime; test runtimes throw `RuntimeExitError`. */
  exit: (code: number) => never;
};

export class RuntimeExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "RuntimeExitError";
  }
}

export const defaultRuntime: RuntimeEnv = {
  log: (message) => process.stdout.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
  // Throwing (instead of process.exit) lets piped stdout drain; `main` turns it into the exit code.
  exit: (code) => {
    throw new RuntimeExitError(code);
  },
};

/** A runtime that records output and throws on exit; for tests and embedding. */
export function createCapturingRuntime(): RuntimeEnv & { logs: string[]; errors: string[] } {
  const logs: string[] = [];
  const errors: string[] = [];
  return {
    logs,
    errors,
    log: (message) => logs.push(message),
    error: (message) => errors.push(message),
    exit: (code) => {
      throw new RuntimeExitError(code);
    },
  };
}
