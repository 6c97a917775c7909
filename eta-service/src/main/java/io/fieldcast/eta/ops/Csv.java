package io.fieldcast.eta.ops;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of flat records as CSV: a header of the record's component names, one line per row, numbers with a dot and
 * at most four decimals, empty for null; quoting and defusing formulas are the platform's ({@code platform.csv.Csv}).
 */
public final class Csv {

    private Csv() {
    }

    public static String of(Class<? extends Record> type, List<? extends Record> rows) {
        RecordComponent[] columns = type.getRecordComponents();
        List<String> header = Arrays.stream(columns).map(RecordComponent::getName).toList();
        List<List<?>> cells = new ArrayList<>();
        for (Record row : rows) {
            List<Object> line = new ArrayList<>(columns.length);
            for (RecordComponent column : columns) {
                Object value = value(column, row);
                line.add(value instanceof Double d ? number(d) : value);
            }
            cells.add(line);
        }
        return io.fieldcast.platform.csv.Csv.write(header, cells);
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName(), e);
        }
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
