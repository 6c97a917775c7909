package io.fieldcast.platform.sql;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Rows written set-based: each column of a list of rows bound as one PostgreSQL array, and read back with
 * {@code unnest}, so a batch costs one statement and a handful of bind parameters whatever its size (PostgreSQL
 * allows 65,535 parameters a statement, and binding one per value costs more than the work itself).
 *
 * <pre>{@code
 * ArrayColumns<Msg> columns = ArrayColumns.of(
 *         ArrayColumns.column("id", "bigint", Msg::id), ArrayColumns.column("body", "text", Msg::body));
 * db.preparedQuery("insert into msg (" + columns.names() + ") select " + columns.names() + " from "
 *         + columns.unnest(1, "v")).execute(columns.arrays(messages));
 * }</pre>
 *
 * @param <T> the row type
 */
public final class ArrayColumns<T> {

    /** A column: its name, its PostgreSQL type (one of {@link #TYPES}) and how to read it from a row. */
    public record Column<T>(String name, String type, Function<T, Object> value) {

        public Column {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("no array binding for type " + type + "; one of " + TYPES);
            }
        }
    }

    /** The PostgreSQL types a column may have, each with the Java array its values are bound as. */
    private static final Map<String, IntFunction<Object[]>> ARRAYS = Map.of(
            "uuid", UUID[]::new,
            "text", String[]::new,
            "boolean", Boolean[]::new,
            "timestamptz", OffsetDateTime[]::new,
            "integer", Integer[]::new,
            "bigint", Long[]::new,
            "float8", Double[]::new,
            "date", LocalDate[]::new);

    /** The PostgreSQL types a column may have. */
    public static final Set<String> TYPES = ARRAYS.keySet();

    private final List<Column<T>> columns;

    private ArrayColumns(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    @SafeVarargs
    public static <T> ArrayColumns<T> of(Column<T>... columns) {
        return new ArrayColumns<>(List.of(columns));
    }

    public static <T> Column<T> column(String name, String type, Function<T, Object> value) {
        return new Column<>(name, type, value);
    }

    public List<Column<T>> columns() {
        return columns;
    }

    /** The column names, comma-separated, in order. */
    public String names() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    /**
     * {@code unnest($first::type[], …) with ordinality as alias(names…, ord)}: the rows in the order given, one
     * parameter per column starting at {@code $first}; {@code alias.ord} numbers them from 1.
     */
    public String unnest(int first, String alias) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(columns.get(i).type())
                    .append("[]");
        }
        return sql.append(") with ordinality as ").append(alias).append('(').append(names()).append(", ord)")
                .toString();
    }

    /** One array per column, in column order, appended to {@code tuple} (timestamps as UTC offsets). */
    public Tuple addArrays(Tuple tuple, List<? extends T> rows) {
        for (Column<T> column : columns) {
            Object[] values = ARRAYS.get(column.type()).apply(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Object value = column.value().apply(rows.get(i));
                values[i] = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
            }
            tuple.addValue(values);
        }
        return tuple;
    }

    /** The arrays of {@code rows} as a tuple of their own. */
    public Tuple arrays(List<? extends T> rows) {
        return addArrays(Tuple.tuple(), rows);
    }
}
