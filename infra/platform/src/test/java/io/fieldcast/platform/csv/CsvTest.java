package io.fieldcast.platform.csv;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @Test
    void whatItWritesItReadsBackQuotesCommasLineBreaksAndAll() {
        String text = Csv.write(List.of("Name", "Notes", "Phone"), List.of(
                List.of("Rosa Diaz", "gate code 12, \"ring twice\"\nback door", "+12125550123"),
                Arrays.asList("Ana", null, "+34600111222")));

        assertTrue(text.startsWith("Name,Notes,Phone\r\nRosa Diaz,\"gate code 12, \"\"ring twice\"\"\nback door\","),
                text);
        Csv.Table table = Csv.read(text, 10);
        assertEquals(List.of("name", "notes", "phone"), table.header());
        assertEquals("gate code 12, \"ring twice\"\nback door", table.rows().getFirst().get("notes"));
        assertEquals("+12125550123", table.rows().getFirst().get("phone"), "a phone number is not a formula");
        assertNull(table.rows().get(1).get("notes"));
        assertEquals(3, table.rows().get(1).line(), "the line a spreadsheet shows: header 1, rows from 2");
    }

    @Test
    void cellsASpreadsheetWouldRunAreDefused() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'-cmd", Csv.cell("-cmd"));
        assertEquals("-12.5", Csv.cell("-12.5"));
    }

    @Test
    void aBrokenFileSaysWhereAndAByteOrderMarkOrLfLinesAreFine() {
        assertEquals("line 2: a quoted field opened here is not closed",
                assertThrows(Csv.CsvException.class, () -> Csv.read("a,b\n\"x,y\n", 10)).getMessage());
        assertEquals("line 2: 3 fields, the header has 2",
                assertThrows(Csv.CsvException.class, () -> Csv.read("a,b\n1,2,3\n", 10)).getMessage());
        assertTrue(assertThrows(Csv.CsvException.class, () -> Csv.read("a\n1\n2\n3\n", 2)).getMessage()
                .contains("more than 2 rows"));
        Csv.Table table = Csv.read("\uFEFFid,Name\nt1,Ana\n\nt2,Bo", 10);
        assertEquals(List.of("id", "name"), table.header());
        assertEquals(2, table.rows().size());
        assertEquals("Bo", table.rows().get(1).get("name"));
    }
}
