import { parseCsv } from '../../src/beds/csv';

describe('parseCsv (RFC 4180 and the feeds of 2021)', () => {
  it('reads quoted fields with commas, quotes and line breaks, and keeps the line each record starts on', () => {
    const text = 'name,beds,contact\n"Desun Hospital, Kolkata",25,"Dr. A ""B"" C 98300 00000"\n"Two\nline name",3,\nlast,1,x\n';
    const r = parseCsv(text);
    expect(r.header).toEqual(['name', 'beds', 'contact']);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, row: 2, fields: ['Desun Hospital, Kolkata', '25', 'Dr. A "B" C 98300 00000'] },
      { line: 3, row: 3, fields: ['Two\nline name', '3', ''] },
      // A spreadsheet shows it on row 4: the line break inside the name above is not a row.
      { line: 5, row: 4, fields: ['last', '1', 'x'] },
    ]);
  });

  it('takes a BOM, CRLF line ends and a missing final line break', () => {
    const r = parseCsv('\ufeffDistrict,Hospital Name\r\nKolkata,CNCI\r\nHowrah,"TLJ Hospital"');
    expect(r.header).toEqual(['District', 'Hospital Name']);
    expect(r.rows).toEqual([
      { line: 2, row: 2, fields: ['Kolkata', 'CNCI'] },
      { line: 3, row: 3, fields: ['Howrah', 'TLJ Hospital'] },
    ]);
  });

  it('keeps a lone carriage return inside a field as data (West Bengal\'s "Nandigram Health\\rDistrict")', () => {
    const r = parseCsv('District,Hospital Name\nNandigram Health\rDistrict,Chandipur Hospital\n"Paschim\rBardhaman",Sanaka Hospital\n');
    expect(r.rows.map((x) => x.fields[0])).toEqual(['Nandigram Health\rDistrict', 'Paschim\rBardhaman']);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
  });

  it('skips blank lines and keeps empty fields', () => {
    const r = parseCsv('a,b,c\n\n1,,\n\n,,3\n');
    expect(r.rows).toEqual([
      { line: 3, row: 3, fields: ['1', '', ''] },
      { line: 5, row: 5, fields: ['', '', '3'] },
    ]);
  });

  it('skips records of only empty cells, as Excel writes them (",,"), keeping the lines and rows of the others', () => {
    const r = parseCsv('a,b,c\r\n1,2,3\r\n,,\r\n" ", ,\r\n4,5,6\r\n,,\r\n,,\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, row: 2, fields: ['1', '2', '3'] },
      { line: 5, row: 5, fields: ['4', '5', '6'] },
    ]);
  });

  it('says which line the header is on: blank lines (or empty cells) may come first', () => {
    expect(parseCsv('a,b\n1,2\n').headerLine).toBe(1);
    const r = parseCsv('\n,,\na,b\n1,2\n');
    expect(r).toEqual({ header: ['a', 'b'], headerLine: 3, rows: [{ line: 4, row: 4, fields: ['1', '2'] }], problems: [] });
  });

  it('reports text after a closing quote on its line, and reads on', () => {
    const r = parseCsv('a,b\n"x"y,1\nok,2\n');
    expect(r.problems).toEqual([{ line: 2, row: 2, message: 'field 1: text after a closing quote' }]);
    expect(r.rows).toEqual([{ line: 3, row: 3, fields: ['ok', '2'] }]);
  });

  it('reports a quote that is never closed, naming the line it opened on', () => {
    const r = parseCsv('a,b\nok,1\n"broken,2\nmore,3\n');
    expect(r.rows).toEqual([{ line: 2, row: 2, fields: ['ok', '1'] }]);
    expect(r.problems).toEqual([{ line: 3, row: 3, message: 'field 1: a quote opened on line 3 is never closed' }]);
  });

  it('says an empty file has no header', () => {
    expect(parseCsv('').problems).toEqual([{ line: 1, row: 1, message: 'the file is empty (no header row)' }]);
    expect(parseCsv('\n\n').header).toEqual([]);
  });

  it('reads another delimiter', () => {
    expect(parseCsv('a;b\n1;"2;3"\n', ';').rows).toEqual([{ line: 2, row: 2, fields: ['1', '2;3'] }]);
  });
});
