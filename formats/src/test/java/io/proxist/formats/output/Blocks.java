package io.proxist.formats.output;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.type.DataType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-made columns and blocks of the types ClickHouse 18.16 cannot produce. */
final class Blocks {
    private Blocks() {}

    static LongColumn longs(String type, long... v) {
        return new LongColumn(DataType.parse(type), v, v.length);
    }

    static DoubleColumn doubles(String type, double... v) {
        return new DoubleColumn(DataType.parse(type), v, v.length);
    }

    static BytesColumn strings(String... values) {
        return typedStrings("String", values);
    }

    static BytesColumn typedStrings(String type, String... values) {
        List<byte[]> bytes = new ArrayList<>();
        for (String s : values) bytes.add(s.getBytes(StandardCharsets.UTF_8));
        return bytes(type, bytes);
    }

    static BytesColumn bytes(String type, List<byte[]> values) {
        int total = 0;
        for (byte[] b : values) total += b.length;
        byte[] data = new byte[total];
        int[] offsets = new int[values.size() + 1];
        int used = 0;
        for (int i = 0; i < values.size(); i++) {
            System.arraycopy(values.get(i), 0, data, used, values.get(i).length);
            used += values.get(i).length;
            offsets[i + 1] = used;
        }
        return new BytesColumn(DataType.parse(type), data, offsets, values.size());
    }

    /** Int128, UInt256, wide Decimals: the values' two's-complement bytes, little-endian. */
    static FixedBytesColumn bigInts(String type, int width, BigInteger... values) {
        byte[] data = new byte[width * values.length];
        for (int i = 0; i < values.length; i++) {
            byte[] be = values[i].toByteArray();
            byte fill = (byte) (values[i].signum() < 0 ? 0xFF : 0);
            for (int k = 0; k < width; k++) {
                int j = be.length - 1 - k;
                data[i * width + k] = j >= 0 ? be[j] : fill;
            }
        }
        return new FixedBytesColumn(DataType.parse(type), width, data, values.length);
    }

    static FixedBytesColumn ipv6(String... addresses) {
        byte[] data = new byte[16 * addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                byte[] a = InetAddress.getByName(addresses[i]).getAddress();
                if (a.length == 4) {
                    data[i * 16 + 10] = (byte) 0xFF;
                    data[i * 16 + 11] = (byte) 0xFF;
                    System.arraycopy(a, 0, data, i * 16 + 12, 4);
                } else {
                    System.arraycopy(a, 0, data, i * 16, 16);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new FixedBytesColumn(DataType.parse("IPv6"), 16, data, addresses.length);
    }

    static NullableColumn nullable(Column inner, boolean... isNull) {
        byte[] map = new byte[isNull.length];
        for (int i = 0; i < isNull.length; i++) map[i] = (byte) (isNull[i] ? 1 : 0);
        return new NullableColumn(DataType.parse("Nullable(" + inner.type() + ")"), map, inner);
    }

    static ArrayColumn array(Column elements, long... ends) {
        return new ArrayColumn(DataType.parse("Array(" + elements.type() + ")"), ends, elements, ends.length);
    }

    static ArrayColumn map(Column keys, Column values, long... ends) {
        TupleColumn kv = new TupleColumn(
                DataType.parse("Tuple(" + keys.type() + ", " + values.type() + ")"),
                List.of(keys, values),
                keys.size());
        return new ArrayColumn(
                DataType.parse("Map(" + keys.type() + ", " + values.type() + ")"), ends, kv, ends.length);
    }

    static TupleColumn tuple(String type, Column... elements) {
        return new TupleColumn(DataType.parse(type), List.of(elements), elements[0].size());
    }

    static Block block(Object... namesAndColumns) {
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndColumns.length; i += 2) {
            names.add((String) namesAndColumns[i]);
            columns.add((Column) namesAndColumns[i + 1]);
        }
        return new Block(names, columns, columns.getFirst().size());
    }

    /** Two rows of every type 18.16 lacks, with edge values. */
    static Block modern() {
        BigInteger two = BigInteger.TWO;
        return block(
                "b", longs("Bool", 1, 0),
                "i128", bigInts("Int128", 16, two.pow(127).negate(), BigInteger.ONE),
                "u256", bigInts("UInt256", 32, two.pow(256).subtract(BigInteger.ONE), BigInteger.ZERO),
                "d32", longs("Date32", -25567, 120529),
                "dt64", longs("DateTime64(3, 'Asia/Tokyo')", -1, 1700000000123L),
                "ip4", longs("IPv4", 0x01020304L, 0xFFFFFFFFL),
                "ip6", ipv6("::ffff:1.2.3.4", "2001:db8::1"),
                "dec", bigInts("Decimal(40, 5)", 32, BigInteger.valueOf(-150000), BigInteger.ZERO),
                "dec64", longs("Decimal(18, 3)", -12500, 1000),
                "m", map(strings("a", "b/c"), longs("UInt64", 1, 2), 2, 2),
                "t", tuple("Tuple(a Int32, b String)", longs("Int32", 1, -2), strings("x", "y\"")),
                "n", nullable(longs("Int64", 0, -9000000000L), true, false),
                "f", doubles("Float64", 1e21, Double.NaN));
    }
}
