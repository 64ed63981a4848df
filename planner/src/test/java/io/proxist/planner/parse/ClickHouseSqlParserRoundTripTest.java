package io.proxist.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query of the tick corpus parses, unparses with ClickHouseDialect, re-parses, and unparses the same. */
class ClickHouseSqlParserRoundTripTest {
    static List<String> corpus() {
        return TickCorpus.QUERIES;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void roundTrips(String sql) {
        ParsedQuery first = ClickHouseSqlParser.parse(sql);
        String unparsed = unparse(first.query());
        System.out.println(sql + "\n  => " + unparsed.replace("\n", " ") + "\n");
        ParsedQuery second = ClickHouseSqlParser.parse(unparsed);
        String again = unparse(second.query());
        assertEquals(unparsed, again, "unparse(parse(unparse(parse(sql)))) differs for: " + sql);
    }

    static String unparse(SqlNode node) {
        return node.toSqlString(ClickHouseDialect.DEFAULT).getSql();
    }
}
