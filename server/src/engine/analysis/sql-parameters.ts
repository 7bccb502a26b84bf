/** SQL text as written, cut at the values formatted into it. */
export type Segment = { literal: string } | { value: string };

/** The SQL with a placeholder for each value; a value quoted in the SQL (`'{x}'`) loses its quotes. */
export function parameterized(segments: Segment[], placeholder: string, valuePositionsOnly = false): { sql: string; values: string[] } | undefined {
  let sql = '';
  const values: string[] = [];
  // The quote a value was wrapped in, which the next literal must close and the placeholder replaces.
  let closing: string | undefined;
  for (const segment of segments) {
    if ('value' in segment) {
      if (closing) return undefined;
      closing = /['"]$/.exec(sql)?.[0];
      if (closing) sql = sql.slice(0, -1);
      // Inside a longer SQL string literal (`LIKE '%{q}%'`) a placeholder would not be a parameter.
      if ((sql.match(/'/g)?.length ?? 0) % 2 === 1) return undefined;
      if (valuePositionsOnly && !isValuePosition(sql)) return undefined;
      sql += placeholder;
      values.push(segment.value);
    } else {
      let text = segment.literal;
      if (closing) {
        if (!text.startsWith(closing)) return undefined;
        text = text.slice(1);
        closing = undefined;
      } else if (valuePositionsOnly && values.length > 0 && sql.endsWith(placeholder) && /^[\w.'"`]/.test(text)) {
        return undefined; // `${prefix}_logs`: the value was part of a longer word
      }
      sql += text;
    }
  }
  return closing || values.length === 0 ? undefined : { sql, values };
}

/**
 * Whether the SQL before a value puts it where a parameter can go: after a comparison, LIKE, LIMIT/OFFSET, or inside
 * the parentheses of IN or VALUES. Table and column names, ORDER BY targets and keywords cannot be parameters.
 */
function isValuePosition(sqlBefore: string): boolean {
  const text = sqlBefore.replace(/\s+$/, '');
  if (/(=|<|>|\bLIKE|\bILIKE|\bLIMIT|\bOFFSET|\bTHEN|\bELSE)$/i.test(text)) return true;
  if (!/[(,]$/.test(text)) return false;
  const open = text.lastIndexOf('(');
  return open >= 0 && !text.slice(open).includes(')') && /\b(IN|VALUES)\s*$/i.test(text.slice(0, open));
}
