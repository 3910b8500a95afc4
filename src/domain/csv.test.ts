import fc from 'fast-check';
import { toCsv } from './csv';

/** A strict RFC 4180 reader: records end in CRLF, fields may be quoted, quotes doubled inside quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('Unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`Text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`Bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '\n' || text[i] === '"') throw new Error(`Unquoted ${JSON.stringify(text[i])} at ${i}`);
      field += text[i];
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('Last record has no CRLF');
  return records;
}

const FORMULA = /^[=+\-@\t\r]/;

describe('toCsv', () => {
  it('writes CRLF records and quotes what needs quoting', () => {
    expect(toCsv(['Key', 'Note'], [['AIP-1', 'a, "b"\nc'], ['AIP-2', null]])).toBe('Key,Note\r\nAIP-1,"a, ""b""\nc"\r\nAIP-2,\r\n');
  });
  it('neutralises formulas in text but writes numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [['=SUM(A1)', '+1', '-x', '@cmd', -5]])).toBe("a,b,c,d,e\r\n'=SUM(A1),'+1,'-x,'@cmd,-5\r\n");
    expect(toCsv(['a', 'b'], [['\tx', '\rx']])).toBe('a,b\r\n\'\tx,"\'\rx"\r\n');
  });
  it('writes empty cells for missing and non-finite values', () => {
    expect(toCsv(['a', 'b', 'c'], [[undefined, Number.NaN, Infinity]])).toBe('a,b,c\r\n,,\r\n');
  });

  it('(f) round-trips through an RFC 4180 reader, with every formula neutralised', () => {
    const arbCell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', ' ', "'"), maxLength: 8 }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 5 }).chain((header) =>
        fc.tuple(fc.constant(header), fc.array(fc.array(arbCell, { minLength: header.length, maxLength: header.length }), { maxLength: 6 })),
      ), ([header, rows]) => {
        const parsed = parseCsv(toCsv(header, rows));
        // Plain comparisons, one expect per run: thousands of expect() calls would make this test slow.
        const expected = [header, ...rows].map((row) =>
          row.map((value) => {
            if (value === null) return '';
            if (typeof value === 'number') return String(value);
            return FORMULA.test(value) ? `'${value}` : value;
          }),
        );
        expect(parsed).toEqual(expected);
        const unsafe = [header, ...rows].flatMap((row, r) => row.filter((v, c) => typeof v === 'string' && FORMULA.test(parsed[r][c])));
        expect(unsafe).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
