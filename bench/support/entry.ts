/**
 * The entry of a bench file that measures Berth in a child process of its own (so its
 * peak memory is its own): `--worker ARGS…` runs `worker(...ARGS)`, anything else runs
 * `main()`; a failure is printed and the process exits 1.
 */
export function runBench(main: () => Promise<void>, worker: (...args: string[]) => Promise<void>): void {
  const run = process.argv[2] === '--worker' ? worker(...process.argv.slice(3)) : main();
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
