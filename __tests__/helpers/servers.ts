/** Helpers for tests that start a real app: it prints `listening N` once it listens. */
import type { ChildProcess } from 'node:child_process';

/** The port a started app prints as `listening N`; rejects when it exits or stays silent for 15 s. */
export function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the app did not start: ${output}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the app exited (${code}): ${output}`)));
  });
}
