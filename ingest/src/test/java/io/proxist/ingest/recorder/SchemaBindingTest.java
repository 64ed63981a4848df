package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.Rows.schema;
import static io.proxist.ingest.recorder.With.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mapper binds its table's schema when built: columns it does not know, columns it lacks and columns of another
 * type fail then; an Enum8 that lacks a Java constant makes that constant an unknown enum value, rejected.
 */
class SchemaBindingTest {
    private static final RecorderContext CTX = Rows.context();

    private static TableSchema replace(TableSchema s, String column, DataType type) {
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnDef c : s.columns()) cols.add(c.name().equals(column) ? c.withType(type) : c);
        return s.withColumns(cols);
    }

    @Test
    void everyBuiltinTableHasAMapper() {
        RecorderMappers m = Rows.mappers();
        for (RecorderTable t : RecorderTable.values()) {
            assertEquals(t, m.mapper(t).table());
            assertEquals(schema(t).columns().size(), m.mapper(t).columnNames().size());
        }
        List<String> builtin = new ArrayList<>();
        for (TableSchema s : Rows.CATALOG.tables()) builtin.add(s.name());
        List<String> recorded = new ArrayList<>();
        for (RecorderTable t : RecorderTable.values()) recorded.add(t.tableName());
        assertEquals(builtin, recorded, "the recorder writes every table of schemas/ddl");
    }

    @Test
    void aColumnTheMapperDoesNotWriteIsRefused() {
        TableSchema s = schema(RecorderTable.TRADES);
        List<ColumnDef> cols = new ArrayList<>(s.columns());
        cols.add(new ColumnDef("venue_flags", DataType.parse("String"), "", "", ""));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new TradeMapper(s.withColumns(cols), CTX, new RejectCounters(), new RejectLog()));
        assertTrue(e.getMessage().contains("venue_flags"), e.getMessage());
    }

    @Test
    void aMissingColumnIsRefused() {
        TableSchema s = schema(RecorderTable.FILLS);
        List<ColumnDef> cols = new ArrayList<>(s.columns());
        cols.removeIf(c -> c.name().equals("fee"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new FillMapper(s.withColumns(cols), CTX, new RejectCounters(), new RejectLog()));
        assertTrue(e.getMessage().contains("fee"), e.getMessage());
    }

    @Test
    void aColumnOfAnotherTypeIsRefused() {
        TableSchema price32 = replace(schema(RecorderTable.TRADES), "price", DataType.parse("Float32"));
        assertThrows(
                IllegalStateException.class,
                () -> new TradeMapper(price32, CTX, new RejectCounters(), new RejectLog()));
        TableSchema millis = replace(schema(RecorderTable.TRADES), "ts", DataType.parse("DateTime64(3, 'UTC')"));
        assertThrows(
                IllegalStateException.class, () -> new TradeMapper(millis, CTX, new RejectCounters(), new RejectLog()));
    }

    @Test
    void anotherTablesSchemaIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new TradeMapper(schema(RecorderTable.FILLS), CTX, new RejectCounters(), new RejectLog()));
    }

    @Test
    void aJavaConstantTheEnumColumnDoesNotDefineIsRejectedAsUnknown() {
        TableSchema old = replace(
                schema(RecorderTable.ORDERS),
                "event",
                DataType.parse("Enum8('new' = 1, 'amend' = 2, 'cancel' = 3, 'reject' = 4, 'ack' = 5)"));
        RejectCounters counters = new RejectCounters();
        OrderMapper m = new OrderMapper(old, CTX, counters, new RejectLog());
        assertNull(m.append(Events.order()));
        assertEquals(RejectReason.UNKNOWN_ENUM_VALUE, m.append(with(Events.order(), "event", OrderEventType.EXPIRE)));
        assertEquals(1, m.rows());
        assertEquals(1, counters.count(RecorderTable.ORDERS, RejectReason.UNKNOWN_ENUM_VALUE));

        TableSchema renumbered = replace(
                schema(RecorderTable.GUARDRAIL_TRANSITIONS),
                "to_state",
                DataType.parse("Enum8('normal' = 10, 'halted' = 40)"));
        GuardrailTransitionMapper g = new GuardrailTransitionMapper(renumbered, CTX, counters, new RejectLog());
        assertNull(g.append(Events.guardrail())); // to = HALTED: code 40 from the schema, not a Java constant
        assertEquals(40L, Rows.value(g.build(), "to_state", 0));
        assertEquals(
                RejectReason.UNKNOWN_ENUM_VALUE, g.append(with(Events.guardrail(), "to", GuardrailState.THROTTLED)));
        assertEquals(0, g.rows());
        assertEquals(1, counters.count(RecorderTable.GUARDRAIL_TRANSITIONS, RejectReason.UNKNOWN_ENUM_VALUE));
    }
}
