package io.proxist.chclient;

import java.util.Set;

/**
 * What the backing ClickHouse can do, detected once per server ({@link CapabilityDetector}). Proxist lowers
 * schemas and plans to this: a server without DateTime64 stores Int64 nanoseconds, one without ASOF JOIN or
 * window functions has Proxist run those operators itself.
 *
 * @param version the server's version
 * @param dateTime64 the DateTime64 type and its functions exist
 * @param lowCardinality LowCardinality columns can be created without an experimental setting
 * @param ttl table and column TTL clauses are accepted
 * @param asofJoin ASOF JOIN works
 * @param windowFunctions window functions ({@code OVER (...)}) work
 * @param tableComments CREATE TABLE accepts a table COMMENT clause
 * @param inputFormats formats the server reads
 * @param outputFormats formats the server writes
 */
public record Capabilities(
        ServerVersion version,
        boolean dateTime64,
        boolean lowCardinality,
        boolean ttl,
        boolean asofJoin,
        boolean windowFunctions,
        boolean tableComments,
        Set<String> inputFormats,
        Set<String> outputFormats) {

    public Capabilities {
        inputFormats = Set.copyOf(inputFormats);
        outputFormats = Set.copyOf(outputFormats);
    }

    /** A server with every feature Proxist's logical schemas use; for lowering tests of modern syntax. */
    public static Capabilities modern(ServerVersion version) {
        return new Capabilities(version, true, true, true, true, true, true, Set.of(), Set.of());
    }
}
