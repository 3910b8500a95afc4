import fc from 'fast-check';
import { toCsv } from './csv';

/** A strict RFC 4180 reader: records end in CRLF, fields may be quoted, quotes doubled inside quotes. Says which fields were quoted. */
function readCsv(text: string): { records: string[][]; quoted: boolean[][] } {
  const records: string[][] = [];
  const quoted: boolean[][] = [];
  let record: string[] = [];
  let flags: boolean[] = [];
  let wasQuoted = false;
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      wasQuoted = true;
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
      flags.push(wasQuoted);
      field = '';
      wasQuoted = false;
      i += 1;
    } else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`Bare CR at ${i}`);
      record.push(field);
      flags.push(wasQuoted);
      records.push(record);
      quoted.push(flags);
      record = [];
      flags = [];
      field = '';
      wasQuoted = false;
      i += 2;
    } else {
      if (text[i] === '\n' || text[i] === '"') throw new Error(`Unquoted ${JSON.stringify(text[i])} at ${i}`);
      field += text[i];
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('Last record has no CRLF');
  return { records, quoted };
}

/** Where a spreadsheet may start reading a formula: the cell's start, or after a list separator of any locale, a tab or a line break. */
const SEPARATORS = [';', ',', '\t', '\r', '\n'];
const STARTS = ['=', '+', '-', '@', '\t', '\r', '\0'];

// UTF-16 units, as the writer reads them: every formula start and separator is ASCII, and a code-point index
// would drift from text[i - 1] after an astral character.
function formulaStarts(text: string): number[] {
  return text.split('').flatMap((ch, i) => ((i === 0 || SEPARATORS.includes(text[i - 1])) && STARTS.includes(ch) ? [i] : []));
}

describe('toCsv', () => {
  it('writes CRLF records and quotes every text cell', () => {
    expect(toCsv(['Key', 'Note'], [['AIP-1', 'a "b"\nc'], ['AIP-2', null], ['', 3]])).toBe('"Key","Note"\r\n"AIP-1","a ""b""\nc"\r\n"AIP-2",\r\n"",3\r\n');
  });
  it('neutralises formulas in text but writes numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [['=SUM(A1)', '+1', '-x', '@cmd', -5]])).toBe('"a","b","c","d","e"\r\n"\'=SUM(A1)","\'+1","\'-x","\'@cmd",-5\r\n');
    expect(toCsv(['a', 'b', 'c'], [['\tx', '\rx', '\0x']])).toBe('"a","b","c"\r\n"\'\tx","\'\rx","\'\0x"\r\n');
  });
  it('neutralises formula starts after a separator too: a spreadsheet splitting on ";" must not find a formula', () => {
    expect(toCsv(['Summary'], [['Pilot;=1+1;']])).toBe('"Summary"\r\n"Pilot;\'=1+1;"\r\n');
    expect(toCsv(['a'], [['x,+1\t@A1\n-2\r=3;\0']])).toBe('"a"\r\n"x,\'+1\t\'@A1\n\'-2\r\'=3;\'\0"\r\n');
    expect(toCsv(['a'], [['2026-03-01, a - b']])).toBe('"a"\r\n"2026-03-01, a - b"\r\n');
  });
  it('writes empty cells for missing and non-finite values', () => {
    expect(toCsv(['a', 'b', 'c'], [[undefined, Number.NaN, Infinity]])).toBe('"a","b","c"\r\n,,\r\n');
  });

  it('(f) round-trips through an RFC 4180 reader, with every formula start neutralised', () => {
    const arbCell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0', '"', ',', ';', 'a', ' ', "'"), maxLength: 8 }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 5 }).chain((header) =>
        fc.tuple(fc.constant(header), fc.array(fc.array(arbCell, { minLength: header.length, maxLength: header.length }), { maxLength: 6 })),
      ), ([header, rows]) => {
        const { records: parsed, quoted } = readCsv(toCsv(header, rows));
        // Plain comparisons, one expect per run: thousands of expect() calls would make this test slow.
        const expected = [header, ...rows].map((row) =>
          row.map((value) => {
            if (value === null) return '';
            if (typeof value === 'number') return String(value);
            // The reader gets the text back with an apostrophe before each formula start.
            return value.split('').map((ch, i) => (formulaStarts(value).includes(i) ? `'${ch}` : ch)).join('');
          }),
        );
        expect(parsed).toEqual(expected);
        const unsafe = [header, ...rows].flatMap((row, r) => row.filter((v, c) => typeof v === 'string' && formulaStarts(parsed[r][c]).length > 0));
        expect(unsafe).toEqual([]);
        // Every text cell is quoted, so no locale's list separator can split it.
        expect(quoted).toEqual([header, ...rows].map((row) => row.map((v) => typeof v === 'string')));
      }),
      { numRuns: 300 },
    );
  });
});
