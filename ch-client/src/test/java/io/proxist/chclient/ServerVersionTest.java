package io.proxist.chclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void parsesAndCompares() {
        ServerVersion old = ServerVersion.parse("18.16.1\n");
        ServerVersion modern = ServerVersion.parse("25.8.2.29");
        assertEquals(new ServerVersion(18, 16, 1, 0), old);
        assertEquals("25.8.2.29", modern.toString());
        assertTrue(old.compareTo(modern) < 0);
        assertTrue(modern.atLeast(21, 6));
        assertFalse(old.atLeast(19, 6));
        assertEquals(new ServerVersion(24, 3, 0, 0), ServerVersion.parse("24.3-lts"));
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse("latest"));
    }
}
