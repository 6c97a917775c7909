package io.fieldcast.platform.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV as spreadsheets write and read it (RFC 4180): comma-separated, a header row, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled inside. Written with CRLF; read with CRLF or LF, a UTF-8 byte-order
 * mark tolerated. A cell that a spreadsheet would run as a formula ({@code =}, {@code @}, or {@code +}/{@code -} not
 * followed by a number) is written with a leading apostrophe, so an exported file never runs anything when opened.
 */
public final class Csv {

    private Csv() {
    }

    /** A parsed file: the header's names (lower-cased, trimmed) and each row by name, with its 1-based line number. */
    public record Table(List<String> header, List<Row> rows) {
    }

    /** A data row: {@code line} counts the header as line 1, so it is the line a spreadsheet shows. */
    public record Row(int line, Map<String, String> cells) {

        /** The cell trimmed, or null when the column is missing or the cell empty. */
        public String get(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /** A CSV file that cannot be read as one, with the line where it went wrong. */
    public static final class CsvException extends IllegalArgumentException {
        public final int line;

        public CsvException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    /** Reads {@code text}; at most {@code maxRows} data rows. */
    public static Table read(String text, int maxRows) {
        List<List<String>> records = parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new CsvException(1, "the file is empty: a header row is needed");
        }
        List<String> header = records.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (header.stream().distinct().count() != header.size()) {
            throw new CsvException(1, "a column appears twice in the header: " + header);
        }
        if (records.size() - 1 > maxRows) {
            throw new CsvException(maxRows + 2, "more than " + maxRows + " rows; split the file");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                continue; // an empty line
            }
            if (fields.size() > header.size()) {
                throw new CsvException(i + 1, fields.size() + " fields, the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), c < fields.size() ? fields.get(c) : "");
            }
            rows.add(new Row(i + 1, cells));
        }
        return new Table(header, rows);
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int openedAt = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
                openedAt = line;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                any = false;
                line++;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new CsvException(openedAt, "a quoted field opened here is not closed");
        }
        if (any) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** Writes a header and rows (each as many cells as the header; null is an empty cell). */
    public static String write(List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(row.size() + " cells for " + header.size() + " columns");
            }
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell as written: defused if a spreadsheet would run it, quoted if it must be. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && (s.charAt(0) == '=' || s.charAt(0) == '@' || s.charAt(0) == '\t' || s.charAt(0) == '\r'
                || (s.charAt(0) == '+' || s.charAt(0) == '-') && !s.matches("[+-]\\d[\\d.]*"))) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
