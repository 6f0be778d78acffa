/**
 * How far V8 lets the heap grow past what the last full collection kept. By default it lets
 * the old generation grow to about four times the live data before collecting it again; a run
 * over a large tree keeps 50-70 MB of texts and results alive and makes hundreds of megabytes
 * of short-lived syntax trees, many of which outlive a young-generation collection, so the
 * process peaked at 360-420 MB of RSS on the 37-repository tree with only ~60 MB of it live.
 * Growing by half instead collects that garbage sooner: the same tree peaks under 300 MB for
 * about the same CPU (the marking runs on V8's background threads).
 *
 * Set at run time because users start the tool with a plain `node bin/...` (no V8 flags). The
 * flag only changes when the next full collection is scheduled: it neither caps the heap nor
 * makes an allocation fail, so a run that needs more memory still gets it.
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow by this many percent of the live data between full collections (V8's default: up to 300). */
export const HEAP_GROWING_PERCENT = 50;

/**
 * A run or check sets it once it has this many files (a fleet at once). Setting a V8 flag at
 * run time costs the rest of a start 2-3 ms of CPU (V8's flag hash changes), which a small run
 * does not need to pay: (a) with 4,755 files and e4 with 6,107 peak at the same RSS either way.
 */
export const BOUND_FROM_FILES = 10_000;

let set = false;

/** Process-wide (worker threads share V8's flags); for the command line, not for a program that imports the engine. */
export function boundHeapGrowth(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
