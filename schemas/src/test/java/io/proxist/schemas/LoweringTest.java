package io.proxist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.ServerVersion;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoweringTest {
    private static final Capabilities MODERN = Capabilities.modern(ServerVersion.parse("25.8.2.29"));
    private static final Capabilities OLD = new Capabilities(
            ServerVersion.parse("18.16.1"), false, false, false, false, false, false, Set.of(), Set.of());

    @Test
    void modernServersStoreTheLogicalSchemaAsWritten() {
        for (TableSchema t : SchemaCatalog.builtin().tables()) {
            assertEquals(t, Lowering.lower(t, MODERN));
            String ddl = DdlRenderer.createTable("db", Lowering.lower(t, MODERN));
            assertFalse(!ddl.contains("DateTime64(9, 'UTC')") || !ddl.contains("TTL toDateTime(ts) + INTERVAL"), ddl);
        }
    }

    @Test
    void oldServersGetInt64NanosStringsAndNoTtl() {
        TableSchema logical = SchemaCatalog.builtin().table("market_data").orElseThrow();
        TableSchema physical = Lowering.lower(logical, OLD);
        assertEquals("Int64", physical.column("ts").orElseThrow().type().toString());
        assertEquals("Int64", physical.column("recv_ts").orElseThrow().type().toString());
        assertEquals("String", physical.column("symbol").orElseThrow().type().toString());
        assertEquals(
                "Array(Float64)",
                physical.column("bid_px_levels").orElseThrow().type().toString());
        assertEquals("toDate(toDateTime(intDiv(ts, 1000000000), 'UTC'))", physical.partitionBy());
        assertEquals(logical.orderBy(), physical.orderBy());
        assertEquals("", physical.ttl(), "left to the retention job");
        assertEquals("", physical.comment());
        for (int i = 0; i < logical.columns().size(); i++) {
            ColumnDef l = logical.columns().get(i);
            ColumnDef p = physical.columns().get(i);
            assertEquals(l.name(), p.name());
            assertEquals(l.comment(), p.comment(), "column comments survive");
        }
        String ddl = DdlRenderer.createTable("db", physical);
        assertFalse(ddl.contains("DateTime64") || ddl.contains("LowCardinality") || ddl.contains("TTL"), ddl);
    }

    @Test
    void serversWithTtlButNoDateTime64ReadTtlThroughTheConversion() {
        Capabilities mid = new Capabilities(
                ServerVersion.parse("19.9.1"), false, true, true, true, false, false, Set.of(), Set.of());
        TableSchema physical =
                Lowering.lower(SchemaCatalog.builtin().table("trades").orElseThrow(), mid);
        assertEquals("toDateTime(toDateTime(intDiv(ts, 1000000000), 'UTC')) + INTERVAL 90 DAY", physical.ttl());
        assertEquals(
                "LowCardinality(String)",
                physical.column("symbol").orElseThrow().type().toString());
    }

    @Test
    void typesAreLoweredWhereverTheyNest() {
        assertEquals(
                "Array(String)",
                Lowering.lowerType(DataType.parse("Array(LowCardinality(String))"), OLD)
                        .toString());
        assertEquals(
                "Nullable(Int64)",
                Lowering.lowerType(DataType.parse("Nullable(DateTime64(9, 'UTC'))"), OLD)
                        .toString());
        DataType plain = DataType.parse("Array(Float64)");
        assertSame(plain, Lowering.lowerType(plain, OLD));
    }
}
