import type { ChildProcess } from 'node:child_process';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * SIGINT and SIGTERM during a deploy: the running tool gets the signal once (it runs in its own process group, so a
 * Ctrl-C in the terminal reaches only Paved, which forwards it), Paved waits for the tool to finish its graceful stop,
 * then stops before the next step. Terraform releases its state lock on the way out.
 */
export class Interrupts {
  private signal?: NodeJS.Signals;
  private readonly children = new Set<ChildProcess>();
  private readonly handler = (signal: NodeJS.Signals) => {
    this.signal ??= signal;
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
  };

  install(): this {
    for (const s of SIGNALS) process.on(s, this.handler);
    return this;
  }

  uninstall(): void {
    for (const s of SIGNALS) process.off(s, this.handler);
  }

  /** The first signal received, if any. */
  get received(): NodeJS.Signals | undefined {
    return this.signal;
  }

  /** Marks an interrupt that arrived another way (Ctrl-C at a prompt). */
  interrupt(signal: NodeJS.Signals = 'SIGINT'): void {
    this.signal ??= signal;
  }

  track(child: ChildProcess): () => void {
    this.children.add(child);
    if (this.signal) child.kill(this.signal);
    return () => this.children.delete(child);
  }
}
