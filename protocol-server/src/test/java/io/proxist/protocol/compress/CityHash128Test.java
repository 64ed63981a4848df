package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Freezes CityHash128 v1.0.2. The values were computed by this implementation after
 * {@link ClickHouseAcceptsFramesTest} showed a real ClickHouse accepting its checksums (and naming the same
 * value as its own computation); they are shown as {@link Hash128#toHex()}, low half first.
 */
class CityHash128Test {
    @Test
    void emptyInput() {
        assertEquals(
                "3df09dfc64c09a2b3cb540c392e51e29",
                CityHash128.cityHash128(new byte[0]).toHex());
    }

    @Test
    void abc() {
        assertEquals(
                "900ff195577748fe13a9176355b20d7e",
                CityHash128.cityHash128("abc".getBytes(StandardCharsets.US_ASCII))
                        .toHex());
    }

    /** The first {@code length} bytes of 0, 1, 2, ...: every branch and boundary of the algorithm. */
    @ParameterizedTest(name = "length {0}")
    @CsvSource({
        "1, a04b71ab61de6422f768684937e23970",
        "2, 6c61dcfb6f476483bb1116138305f2ac",
        "3, 10dc1926b0850ac280c20dad5cdd0e6f",
        "4, e62e2bc7fff5a1dc3f166c184cefc2be",
        "5, c04e19b992be3d5ed9f575aa43ca0102",
        "7, aa38db290ccb2b16684a34c21a5257da",
        "8, d0bfe8984e1e8682565141a0cf7fc611",
        "9, 62dbdc607c89633a854d59c6f348dd9b",
        "15, 048856bb9fddcf100c4d01dd6777bb5f",
        "16, 17ceade677c2f945579ed60675c8fedc",
        "17, 8112e830fb310ff1c972ad09c64fd737",
        "24, c33e90e09eca8274a780ae878096c2e9",
        "31, 695ea0324b28f5c94328d2c3ad882b27",
        "32, fe71590c670b561d498f5b464f875a30",
        "33, 66b6018b265e86eba5cf49e386167f3a",
        "63, 087a8e314182487d0da38c0cc0d2e175",
        "64, 83d9a0502fd851d0718073343ea63f22",
        "65, 5fbf06e608e6281348b37399c31bd193",
        "127, 6e9cefa0accaeec656818bba66e6a718",
        "128, 7def035b54925590de34765c4aca9038",
        "129, 946689818b344e345baf696c26fb2021",
        "143, 2d63dbf4c2290d5b5c12cc8417ceb584",
        "144, a6bdeceec903d0fcc56b79626912c1bc",
        "145, 8361b5ef821115c51805e45238035085",
        "159, e21ff8f8c60f3d8916897cd613cd1260",
        "160, 83aeae4f8878af3d4e3b0f3a3ad7ed0a",
        "161, bcf88cf8e30499b1e7c0278d2ee95ff9",
        "191, a809d33803b7523fc96ad73e7a818c0b",
        "192, bdee1ff22318a52b3d046afbccc5c5e5",
        "193, 22794c5a8e0d9c3d2ea71724ba123c73",
        "255, 550ed83ede46ac9ee549e263413231cf",
        "256, 327bb07ec0345a9bfb45ef5cb037bd93",
        "257, d3c4fc09e9117989c54da9089f472b28",
        "300, 8f4ad51c9a584560a8f4769716bb690a"
    })
    void prefixesOfACountingSequence(int length, String expected) {
        assertEquals(expected, CityHash128.cityHash128(counting(300), 0, length).toHex());
    }

    /** All 300 prefixes at once: the hash of their 300 hashes, each written as ClickHouse stores a checksum. */
    @Test
    void digestOfAllPrefixesUpTo300() {
        byte[] data = counting(300);
        byte[] hashes = new byte[300 * FrameDescriptor.CHECKSUM_LENGTH];
        for (int n = 1; n <= 300; n++) {
            FrameChecksum.writeTo(
                    CityHash128.cityHash128(data, 0, n), hashes, (n - 1) * FrameDescriptor.CHECKSUM_LENGTH);
        }
        assertEquals(
                "44b8c7a267c8b64e5225085f588e5b59",
                CityHash128.cityHash128(hashes).toHex());
    }

    @Test
    void aSliceHashesLikeACopyOfIt() {
        Random random = new Random(FrameFixtures.SEED);
        byte[] data = FrameFixtures.randomBytes(random, 4096);
        for (int i = 0; i < 500; i++) {
            int off = random.nextInt(data.length);
            int len = random.nextInt(data.length - off + 1);
            byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
            int fOff = off;
            assertEquals(
                    CityHash128.cityHash128(copy),
                    CityHash128.cityHash128(data, off, len),
                    () -> "seed=" + FrameFixtures.SEED + " off=" + fOff + " len=" + len);
        }
    }

    @Test
    void rangeOutsideTheArrayIsRejected() {
        byte[] data = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> CityHash128.cityHash128(data, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> CityHash128.cityHash128(data, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> CityHash128.cityHash128(data, 0, -1));
    }

    private static byte[] counting(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
