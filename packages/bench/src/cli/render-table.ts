export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align: Align;
}

/**
 * A plain-text table: a header, a rule, one line per row, columns padded to their widest cell
 * (counted in UTF-16 units, which is right for the ASCII and `µ` used here). A row that is a single
 * string is printed as is, as a section line.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[] | string)[],
): string {
  const widths = columns.map((column) => column.header.length);
  for (const row of rows) {
    if (typeof row === 'string') continue;
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    line(columns.map((column) => column.header)),
    widths.map((width) => '-'.repeat(width)).join('  '),
  ];
  for (const row of rows) out.push(typeof row === 'string' ? row : line(row));
  return out.join('\n');
}
