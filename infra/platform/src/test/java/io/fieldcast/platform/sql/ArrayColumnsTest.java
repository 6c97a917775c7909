package io.fieldcast.platform.sql;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.platform.sql.ArrayColumns.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArrayColumnsTest {

    record Msg(UUID id, String body, Instant at) {
    }

    private static final ArrayColumns<Msg> COLUMNS = ArrayColumns.of(column("id", "uuid", Msg::id),
            column("body", "text", Msg::body), column("at", "timestamptz", Msg::at));

    @Test
    void unnestNumbersOneParameterPerColumnFromTheFirstGiven() {
        assertEquals("id, body, at", COLUMNS.names());
        assertEquals("unnest($3::uuid[], $4::text[], $5::timestamptz[]) with ordinality as v(id, body, at, ord)",
                COLUMNS.unnest(3, "v"));
    }

    @Test
    void eachColumnBecomesOneTypedArrayWithTimestampsInUtcAndNullsKept() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant t = Instant.parse("2026-12-04T10:15:30Z");
        var tuple = COLUMNS.arrays(List.of(new Msg(a, "one", t), new Msg(b, null, null)));
        assertEquals(3, tuple.size());
        assertArrayEquals(new UUID[] {a, b}, (UUID[]) tuple.getValue(0));
        assertArrayEquals(new String[] {"one", null}, (String[]) tuple.getValue(1));
        assertArrayEquals(new OffsetDateTime[] {t.atOffset(ZoneOffset.UTC), null}, (OffsetDateTime[]) tuple.getValue(2));
    }

    @Test
    void aTypeWithoutAnArrayBindingIsRefusedWhenTheColumnIsDeclared() {
        assertThrows(IllegalArgumentException.class, () -> column("x", "jsonb", Msg::body));
    }
}
