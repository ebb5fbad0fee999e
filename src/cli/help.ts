import { COMMAND_TABLE, type CommandEntry, usageLines } from './command-table';

/** Help fits a default 100-column terminal, so lines stay under it. */
export const HELP_WIDTH = 99;

/** `paved help`: every command with one line, the global options, defaults and exit codes. */
export function topLevelHelp(): string[] {
  const width = Math.max(...COMMAND_TABLE.map((c) => c.name.length));
  return [
    'usage: paved <command> [options]',
    '',
    'commands:',
    ...COMMAND_TABLE.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  -h, --help     this help; `paved <command> --help` lists its flags, defaults and an example',
    '  -V, --version  print the version',
    '',
    'The config is platform.config.ts in the current directory unless --config says otherwise.',
    'Exit codes: 0 success, 1 user error (invalid config, refused output), 2 wrong usage,',
    '70 internal error (a bug: the trace is printed), 130 interrupted.',
  ];
}

/** `paved <command> --help`: usage, every flag with its default, and one example per form. */
export function commandHelp(entry: CommandEntry): string[] {
  const lines: string[] = [];
  entry.forms.forEach((form, i) => {
    const usage = usageLines(form, HELP_WIDTH - 'usage: '.length);
    lines.push(...usage.map((l, j) => (j === 0 && i === 0 ? `usage: ${l}` : `       ${l}`)));
  });
  lines.push('', `${entry.summary.charAt(0).toUpperCase()}${entry.summary.slice(1)}.`);
  for (const form of entry.forms) {
    lines.push('', entry.forms.length > 1 ? `flags of paved ${form.words}:` : 'flags:');
    const flags = Object.entries(form.flags).map(([name, flag]) => ({
      left: `--${name}${flag.value ? ` ${flag.value}` : ''}${flag.multiple ? ' ...' : ''}`,
      right: `${flag.help}${flag.required ? ' (required)' : flag.shownDefault ? ` (default: ${flag.shownDefault})` : ''}`,
    }));
    const width = Math.max(...flags.map((f) => f.left.length));
    for (const f of flags) {
      const line = `  ${f.left.padEnd(width)}  ${f.right}`;
      lines.push(line.length <= HELP_WIDTH ? line : `  ${f.left}\n      ${f.right}`);
    }
    lines.push('', 'example:', `  ${form.example}`);
  }
  return lines.flatMap((l) => l.split('\n'));
}
