/**
 * Files the tool does not parse unless asked: too large, or generated (minified bundles).
 * Nobody edits a bundle by hand; its source is elsewhere in the repository, and parsing a
 * 9 MB bundle costs more than the rest of a repository together.
 */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Why a candidate file is skipped, or null to parse it. */
export function skipReason(bytes: Buffer, maxFileSize: number, includeMinified: boolean): string | null {
  if (bytes.length > maxFileSize) {
    return `larger than ${formatSize(maxFileSize)} (${formatSize(bytes.length)}); not parsed (raise --max-file-size to include it)`;
  }
  if (!includeMinified && looksMinified(bytes)) return 'looks minified or bundled (very long lines); not parsed (--include-minified to include it)';
  return null;
}

/** A line over 1,000 characters where lines average over 300: what minifiers and bundlers write. */
function looksMinified(bytes: Buffer): boolean {
  if (bytes.length < 4096) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    lines++;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  longest = Math.max(longest, bytes.length - start);
  return longest > 1000 && bytes.length / lines > 300;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
