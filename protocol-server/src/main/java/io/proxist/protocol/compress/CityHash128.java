package io.proxist.protocol.compress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * CityHash128 as of CityHash <b>1.0.2</b>, the version ClickHouse keeps in {@code contrib/cityhash102} for the
 * checksums of its compressed frames. Google's later CityHash 1.1 changed the 128-bit function (short inputs,
 * the main loop's fetch offsets, the tail mixing), so its results do not match ClickHouse's.
 *
 * <p>Unsigned 64-bit arithmetic maps onto Java's wrapping {@code long} arithmetic; every right shift is the
 * unsigned {@code >>>}, bytes are read as unsigned and words little-endian. Allocates nothing but the result.
 */
public final class CityHash128 {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    // Primes between 2^63 and 2^64 (CityHash's k0..k3) and the Murmur-style multiplier of Hash128to64.
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K3 = 0xc949d7c7509e6557L;
    private static final long MUL = 0x9ddfea08eb382d69L;

    /** Inputs shorter than this go through the Murmur-like path. */
    private static final int LONG_INPUT = 128;

    private CityHash128() {}

    /** CityHash128 v1.0.2 of {@code data[off, off + len)}. */
    public static Hash128 cityHash128(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len >= 16) {
            return withSeed(data, off + 16, len - 16, load64(data, off) ^ K3, load64(data, off + 8));
        }
        if (len >= 8) {
            // v1.0.2 folds an 8..15 byte input into the seed and hashes nothing else.
            return withSeed(data, off, 0, load64(data, off) ^ (len * K0), load64(data, off + len - 8) ^ K1);
        }
        return withSeed(data, off, len, K0, K1);
    }

    /** CityHash128 v1.0.2 of the whole array. */
    public static Hash128 cityHash128(byte[] data) {
        return cityHash128(data, 0, data.length);
    }

    private static Hash128 withSeed(byte[] s, int off, int len, long seedLow, long seedHigh) {
        if (len < LONG_INPUT) {
            return murmur(s, off, len, seedLow, seedHigh);
        }
        long x = seedLow;
        long y = seedHigh;
        long z = len * K1;
        long v0 = Long.rotateRight(y ^ K1, 49) * K1 + load64(s, off);
        long v1 = Long.rotateRight(v0, 42) * K1 + load64(s, off + 8);
        long w0 = Long.rotateRight(y + z, 35) * K1 + x;
        long w1 = Long.rotateRight(x + load64(s, off + 88), 53) * K1;

        int p = off;
        int remaining = len;
        do {
            // Two 64-byte rounds per 128 bytes, as the reference unrolls them.
            for (int round = 0; round < 2; round++) {
                x = Long.rotateRight(x + y + v0 + load64(s, p + 16), 37) * K1;
                y = Long.rotateRight(y + v1 + load64(s, p + 48), 42) * K1;
                x ^= w1;
                y ^= v0;
                z = Long.rotateRight(z ^ w0, 33);

                // v = weak32(s[p..p+32), v1 * K1, x + w0)
                long a = v1 * K1 + load64(s, p);
                long b = Long.rotateRight(x + w0 + a + load64(s, p + 24), 21);
                long c = a;
                a += load64(s, p + 8) + load64(s, p + 16);
                b += Long.rotateRight(a, 44);
                v0 = a + load64(s, p + 24);
                v1 = b + c;

                // w = weak32(s[p+32..p+64), z + w1, y)
                a = z + w1 + load64(s, p + 32);
                b = Long.rotateRight(y + a + load64(s, p + 56), 21);
                c = a;
                a += load64(s, p + 40) + load64(s, p + 48);
                b += Long.rotateRight(a, 44);
                w0 = a + load64(s, p + 56);
                w1 = b + c;

                long t = z;
                z = x;
                x = t;
                p += 64;
            }
            remaining -= LONG_INPUT;
        } while (remaining >= LONG_INPUT);

        y += Long.rotateRight(w0, 37) * K0 + z;
        x += Long.rotateRight(v0 + z, 49) * K0;

        // Up to four 32-byte chunks counted back from the end; they may overlap bytes already hashed.
        for (int tailDone = 0; tailDone < remaining; ) {
            tailDone += 32;
            int q = p + remaining - tailDone;
            y = Long.rotateRight(y - x, 42) * K0 + v1;
            w0 += load64(s, q + 16);
            x = Long.rotateRight(x, 49) * K0 + w0;
            w0 += v0;

            // v = weak32(s[q..q+32), v0, v1)
            long a = v0 + load64(s, q);
            long b = Long.rotateRight(v1 + a + load64(s, q + 24), 21);
            long c = a;
            a += load64(s, q + 8) + load64(s, q + 16);
            b += Long.rotateRight(a, 44);
            v0 = a + load64(s, q + 24);
            v1 = b + c;
        }

        x = hash16(x, v0);
        y = hash16(y, w0);
        return new Hash128(hash16(x + v1, w1) + y, hash16(x + w1, y + v1));
    }

    /** The reference's CityMurmur: inputs shorter than 128 bytes. */
    private static Hash128 murmur(byte[] s, int off, int len, long seedLow, long seedHigh) {
        long a = seedLow;
        long b = seedHigh;
        long c;
        long d;
        if (len <= 16) {
            a = shiftMix(a * K1) * K1;
            c = b * K1 + hashLen0to16(s, off, len);
            d = shiftMix(a + (len >= 8 ? load64(s, off) : c));
        } else {
            c = hash16(load64(s, off + len - 8) + K1, a);
            d = hash16(b + len, c + load64(s, off + len - 16));
            a += d;
            int p = off;
            int left = len - 16;
            do {
                a ^= shiftMix(load64(s, p) * K1) * K1;
                a *= K1;
                b ^= a;
                c ^= shiftMix(load64(s, p + 8) * K1) * K1;
                c *= K1;
                d ^= c;
                p += 16;
                left -= 16;
            } while (left > 0);
        }
        a = hash16(a, c);
        b = hash16(d, b);
        return new Hash128(a ^ b, hash16(b, a));
    }

    private static long hashLen0to16(byte[] s, int off, int len) {
        if (len > 8) {
            long a = load64(s, off);
            long b = load64(s, off + len - 8);
            return hash16(a, Long.rotateRight(b + len, len)) ^ b;
        }
        if (len >= 4) {
            long a = load32(s, off);
            return hash16(len + (a << 3), load32(s, off + len - 4));
        }
        if (len > 0) {
            long a = s[off] & 0xff;
            long b = s[off + (len >>> 1)] & 0xff;
            long c = s[off + len - 1] & 0xff;
            long y = a + (b << 8);
            long z = len + (c << 2);
            return shiftMix(y * K2 ^ z * K3) * K2;
        }
        return K2;
    }

    /** The reference's Hash128to64 (HashLen16): mixes two words into one. */
    private static long hash16(long u, long v) {
        long a = (u ^ v) * MUL;
        a ^= a >>> 47;
        long b = (v ^ a) * MUL;
        b ^= b >>> 47;
        return b * MUL;
    }

    private static long shiftMix(long v) {
        return v ^ (v >>> 47);
    }

    private static long load64(byte[] s, int i) {
        return (long) LONG_LE.get(s, i);
    }

    private static long load32(byte[] s, int i) {
        return Integer.toUnsignedLong((int) INT_LE.get(s, i));
    }
}
