/**
 * Minimal CSV reading and writing for designs and results: comma-separated, optional RFC 4180
 * double-quoted fields (no line breaks inside a field), LF or CRLF line ends, optional UTF-8 BOM.
 */

/** Split one CSV line into fields. Returns an error message instead when the quoting is broken. */
export function splitCsvLine(line: string): string[] | { error: string } {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { error: `unterminated quoted field starting at character ${i}` };
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line[i] !== ",") {
        return { error: `unexpected character ${JSON.stringify(line[i])} after a quoted field at character ${i}` };
      }
      fields.push(value);
    } else {
      const c = line.indexOf(",", i);
      const end = c < 0 ? line.length : c;
      const value = line.slice(i, end);
      if (value.includes('"')) return { error: `stray quote in field ${JSON.stringify(value)}` };
      fields.push(value);
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the comma
    if (i === line.length) {
      fields.push("");
      return fields;
    }
  }
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A decimal number written the usual way ("3", "-0.5", "1e-4", "2.50"). Rejects what `Number()`
 * would silently accept ("", " ", "0x10", "Infinity", "1_000").
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** The canonical text of a number in our CSVs: JavaScript's shortest round-trip form. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? "0" : String(v);
}

/** Strip a UTF-8 byte-order mark and a trailing CR. */
export function cleanLine(line: string, first: boolean): string {
  let l = first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (l.endsWith("\r")) l = l.slice(0, -1);
  return l;
}
