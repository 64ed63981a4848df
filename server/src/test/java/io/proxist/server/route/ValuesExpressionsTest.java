package io.proxist.server.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesExpressionsTest {
    @Test
    void literalsStayWithProxistsDecoder() {
        for (String rows : List.of(
                "(1, 'a', NULL, true, -2.5, 1.0E-5, -inf, nan)",
                "(1, [1, -2], (3, 'x'), {'k': 1, 'l': -1})",
                "('now()', 'a::b', '1 + 1') , (2, 'fromUnixTimestamp64Nano(1)');",
                "('unterminated")) {
            assertFalse(ValuesExpressions.present(rows), rows);
        }
    }

    @Test
    void expressionsGoToTheBackend() {
        for (String rows : List.of(
                "(1, fromUnixTimestamp64Nano(1710037815123456789))",
                "(5::Int32)",
                "(now())",
                "(1 + 1)",
                "(1, 2 - 1)",
                "('a' || 'b')",
                "(x)",
                "(\"quoted\")",
                "(1 * 2)")) {
            assertTrue(ValuesExpressions.present(rows), rows);
        }
    }

    @Test
    void rowsAndTheStatement() {
        assertEquals(3, ValuesExpressions.rows("(1, (2, 3), [4]), (f(5), {'k': (6)}) ,(7)"));
        assertEquals(
                "INSERT INTO t (a, b) VALUES (1, f(2))",
                ValuesExpressions.statement("INSERT INTO t (a, b) FORMAT Values", "(1, f(2))"));
        assertEquals(
                "INSERT INTO t SETTINGS x = 1 VALUES (1)",
                ValuesExpressions.statement("INSERT INTO t SETTINGS x = 1 FORMAT Values", "(1)"));
    }
}
