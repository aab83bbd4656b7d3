/**
 * `openclaw models list --all | head`: when the reader of our output goes away, the next write fails with
 * EPIPE. That is the reader's choice, not an error of ours: stop at once, quietly, with the exit code set
 * so far (0 unless something failed before), as a pipeline expects. Any other stream error stays an error.
 */
export function exitQuietlyWhenOutputCloses(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
      process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    });
  }
}
