/**
 * The resident protocol: one JSON object per line on a Unix socket.
 * client -> resident: a `Request`, then any number of `SignalFrame`s;
 * resident -> client: `accepted`, then `out`/`err` text in order, then `exit` with the code.
 */
export interface Request {
  readonly argv: string[];
  readonly cwd: string;
  /** Milliseconds from the client's start to the request (what `paved synth` reports as start-up). */
  readonly startupMs: number;
}

export type ServerFrame =
  | { readonly t: 'accepted' }
  | { readonly t: 'out'; readonly d: string }
  | { readonly t: 'err'; readonly d: string }
  | { readonly t: 'exit'; readonly code: number };

export interface SignalFrame {
  readonly t: 'signal';
  readonly signal: 'SIGINT' | 'SIGTERM';
}

export function frame(value: ServerFrame | SignalFrame | Request): string {
  return `${JSON.stringify(value)}\n`;
}

/** Calls `onLine` with each complete line of a stream of chunks. */
export function lineReader(onLine: (line: string) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.length > 0) onLine(line);
    }
  };
}
