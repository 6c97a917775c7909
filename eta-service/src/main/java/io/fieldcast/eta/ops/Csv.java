package io.fieldcast.eta.ops;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A table of flat records as CSV (RFC 4180): a header of the record's component names, one line per row, numbers
 * with a dot, empty for null. A text that a spreadsheet would run as a formula is quoted with a leading apostrophe.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(Class<? extends Record> type, List<? extends Record> rows) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        out.append("\r\n");
        for (Record row : rows) {
            for (int i = 0; i < columns.length; i++) {
                out.append(i == 0 ? "" : ",").append(cell(value(columns[i], row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName(), e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value instanceof Double d ? number(d) : value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** Up to four decimals, no exponent, no trailing zeros. */
    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        return new java.math.BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
