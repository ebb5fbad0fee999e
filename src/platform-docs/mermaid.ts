/**
 * A small Mermaid flowchart builder. Ids are generated from a fixed alphabet and labels are quoted with the
 * characters Mermaid treats specially replaced by entity codes, so no config value can break the diagram.
 */
export class Flowchart {
  private readonly lines: string[] = [];
  private readonly ids = new Set<string>();
  private depth = 1;

  constructor(private readonly direction: 'TB' | 'LR' = 'TB') {}

  /** Declares a node and returns its id. */
  node(id: string, label: string, shape: 'box' | 'round' | 'db' = 'box'): string {
    const safe = this.declare(id);
    const text = quote(label);
    const body = shape === 'db' ? `[(${text})]` : shape === 'round' ? `(${text})` : `[${text}]`;
    this.lines.push(`${this.indent()}${safe}${body}`);
    return safe;
  }

  /** A subgraph; `build` declares its nodes. Returns the subgraph id (usable as an edge endpoint). */
  group(id: string, label: string, build: () => void): string {
    const safe = this.declare(id);
    this.lines.push(`${this.indent()}subgraph ${safe}[${quote(label)}]`);
    this.depth++;
    build();
    this.depth--;
    this.lines.push(`${this.indent()}end`);
    return safe;
  }

  edge(fromId: string, toId: string, label?: string): void {
    const [from, to] = [mermaidId(fromId), mermaidId(toId)];
    for (const end of [from, to]) if (!this.ids.has(end)) throw new Error(`mermaid: edge endpoint ${end} is not declared`);
    this.lines.push(`${this.indent()}${from} -->${label ? `|${quote(label)}|` : ''} ${to}`);
  }

  render(): string {
    return [`flowchart ${this.direction}`, ...this.lines].join('\n');
  }

  private declare(id: string): string {
    const safe = mermaidId(id);
    if (this.ids.has(safe)) throw new Error(`mermaid: node id ${safe} is declared twice`);
    this.ids.add(safe);
    return safe;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}

/** A node id Mermaid accepts: letters, digits and underscores. */
export function mermaidId(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

/** A label in double quotes; quotes, brackets, pipes and angle brackets become Mermaid entity codes. */
export function quote(label: string): string {
  const escaped = label.replace(/[#"<>|[\]{}()]/g, (c) => `#${c.charCodeAt(0)};`);
  return `"${escaped}"`;
}
