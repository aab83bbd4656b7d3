/**
 * `openclaw models list --all | head`: when the reader of our output goes away, the next write fails with
 * EPIPE. That is the reader's choice, not an error of ours: stop at once, quietly, with the exit code set
 * so far (0 unless something failed before), as a pipeline expects.
 *
 * stderr only carries diagnostics: when its reader is gone they are dropped and the command goes on, so
 * its exit code still says whether it did its work (a closed stderr must not end an onboarding before it
 * has written anything, with exit 0). Any other stream error stays an error.
 */
export function exitQuietlyWhenOutputCloses(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
  stderr.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  });
}
