"""clickhouse-driver (Debian's python3-clickhouse-driver 0.2.5) against a server's native port.

Run by NativePythonDriverTest with /usr/bin/python3 (the interpreter Debian's package is installed for):

    native_driver_check.py --host H --port P --database D --compression none|lz4|zstd CASE

Each case checks its own results and exits 1 with a message when one is wrong; it prints ``name: value``
lines for the Java test to assert as well, and ``ok CASE`` last. Tables carry the compression in their
name, so the three runs of a case do not meet.

Compression needs the clickhouse-cityhash package, which Debian does not package; when it is missing the
pure-Python CityHash 1.0.2 in cityhash_fallback/ stands in (appended to sys.path, so the package wins
where it is installed).
"""
import argparse
import datetime
import decimal
import os
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

UTC = datetime.timezone.utc


class CheckFailed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise CheckFailed(what)


def equal(actual, expected, what):
    if actual != expected:
        raise CheckFailed('%s: expected %r, got %r' % (what, expected, actual))


def report(name, value):
    print('%s: %s' % (name, value), flush=True)


def connect(args, **kwargs):
    from clickhouse_driver import Client

    compression = {'none': False, 'lz4': 'lz4', 'zstd': 'zstd'}[args.compression]
    return Client(args.host, port=args.port, database=args.database, user='default', password='',
                  compression=compression, connect_timeout=10, send_receive_timeout=120, **kwargs)


def raw_query(client, sql, settings=None):
    """Runs a query on the client's current connection packet by packet (the Client API would reconnect
    after an error and hides blocks): returns (blocks, exception); each block is a list of rows."""
    from clickhouse_driver.protocol import ServerPacketTypes

    client.make_query_settings(settings)
    conn = client.connection
    conn.send_query(sql)
    conn.send_external_tables(None)
    blocks = []
    while True:
        packet = conn.receive_packet()
        if packet.type == ServerPacketTypes.DATA:
            if packet.block.num_rows:
                blocks.append(packet.block.get_rows())
        elif packet.type == ServerPacketTypes.EXCEPTION:
            return blocks, packet.exception
        elif packet.type == ServerPacketTypes.END_OF_STREAM:
            return blocks, None


# --- cases -------------------------------------------------------------------------------------------

def select_types(args):
    c = connect(args)
    rows, columns = c.execute(
        "SELECT toInt8(-8) AS i8, toUInt8(255) AS u8, toInt16(-32768) AS i16, toUInt16(65535) AS u16,"
        " toInt32(-2147483648) AS i32, toUInt32(4294967295) AS u32, toInt64(-9223372036854775808) AS i64,"
        " toUInt64(18446744073709551615) AS u64, toFloat32(0.5) AS f32, toFloat64(-1.25) AS f64,"
        " 'ünï ✓' AS s, toFixedString('ab', 3) AS fs, toDate('2024-03-10') AS d,"
        " toDateTime('2024-03-10 02:30:00', 'UTC') AS dt,"
        " toDateTime('2024-03-10 12:30:00', 'America/New_York') AS dt_ny,"
        " [1, 2, 3] AS arr, ['x', NULL] AS arr_n, NULL AS n, toNullable('x') AS ns,"
        " toDecimal64(12.345, 3) AS dec, toUUID('01234567-89ab-cdef-0123-456789abcdef') AS u,"
        " CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS e, (1, 'y') AS tup",
        with_column_types=True)
    equal(columns, [
        ('i8', 'Int8'), ('u8', 'UInt8'), ('i16', 'Int16'), ('u16', 'UInt16'), ('i32', 'Int32'),
        ('u32', 'UInt32'), ('i64', 'Int64'), ('u64', 'UInt64'), ('f32', 'Float32'), ('f64', 'Float64'),
        ('s', 'String'), ('fs', 'FixedString(3)'), ('d', 'Date'), ('dt', "DateTime('UTC')"),
        ('dt_ny', "DateTime('America/New_York')"), ('arr', 'Array(UInt8)'),
        ('arr_n', 'Array(Nullable(String))'), ('n', 'Nullable(Nothing)'), ('ns', 'Nullable(String)'),
        ('dec', 'Decimal(18, 3)'), ('u', 'UUID'), ('e', "Enum8('a' = 1, 'b' = 2)"),
        ('tup', 'Tuple(UInt8, String)'),
    ], 'columns')
    equal(len(rows), 1, 'rows')
    row = list(rows[0])
    dt, dt_ny = row[13], row[14]
    # compare instants and offsets: the driver attaches pytz zones, whose objects do not compare plainly
    equal((dt.timestamp(), dt.utcoffset()), (1710037800.0, datetime.timedelta(0)), 'dt')
    equal((dt_ny.timestamp(), dt_ny.utcoffset()), (1710088200.0, datetime.timedelta(hours=-4)), 'dt_ny')
    row[13:15] = ['<dt>', '<dt_ny>']
    equal(row, [
        -8, 255, -32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
        0.5, -1.25, 'ünï ✓', 'ab', datetime.date(2024, 3, 10), '<dt>', '<dt_ny>', [1, 2, 3], ['x', None],
        None, 'x', decimal.Decimal('12.345'), uuid.UUID('01234567-89ab-cdef-0123-456789abcdef'), 'b',
        (1, 'y'),
    ], 'row')
    report('columns', len(columns))


def select_many_blocks(args):
    c = connect(args)
    c.execute('SELECT 1')
    n = 100000
    blocks, error = raw_query(
        c, 'SELECT number, toString(number * 3) FROM system.numbers LIMIT %d' % n, {'max_block_size': 1000})
    check(error is None, 'error: %r' % (error,))
    rows = [r for b in blocks for r in b]
    equal(len(rows), n, 'rows')
    check(all(r == (i, str(i * 3)) for i, r in enumerate(rows)), 'rows differ from number, number * 3')
    equal(max(len(b) for b in blocks), 1000, 'largest block (max_block_size=1000)')
    report('rows', len(rows))
    report('largest block', max(len(b) for b in blocks))
    # and the same through the Client API, which joins the blocks
    equal(c.execute('SELECT sum(number) FROM (SELECT number FROM system.numbers LIMIT %d)' % n,
                    settings={'max_block_size': 1000}), [(n * (n - 1) // 2,)], 'sum')


ROUND_TRIP_COLUMNS = (
    'id UInt32, i8 Int8, u64 UInt64, f32 Float32, f64 Float64, s String, fs FixedString(4), d Date,'
    " dt DateTime('UTC'), arr Array(Int32), ns Nullable(String), dec Decimal(18, 4), u UUID,"
    " e Enum8('a' = 1, 'b' = 2), tup Tuple(UInt8, String)")


def round_trip_rows():
    return [
        (1, -128, 0, 0.5, -1.25, '', 'abcd', datetime.date(1970, 1, 2),
         datetime.datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC), [], None, decimal.Decimal('0.0001'),
         uuid.UUID('00000000-0000-0000-0000-000000000000'), 'a', (0, '')),
        (2, 127, 18446744073709551615, -3.25, 1e300, 'tab\there\nnew line \\ ✓', 'ab',
         datetime.date(2024, 3, 10), datetime.datetime(2024, 3, 10, 7, 30, tzinfo=UTC), [-1, 0, 2147483647],
         'x', decimal.Decimal('-99999999999999.9999'), uuid.UUID('01234567-89ab-cdef-0123-456789abcdef'),
         'b', (255, 'y')),
        (3, 0, 12345678901234567890, 1024.0, 0.1, 'ünï', '\u00e9', datetime.date(2105, 12, 31),
         datetime.datetime(2105, 12, 31, 23, 59, 59, tzinfo=UTC), [7], '', decimal.Decimal('12.345'),
         uuid.UUID('ffffffff-ffff-ffff-ffff-ffffffffffff'), 'a', (1, 'ü')),
    ]


def insert_round_trip(args):
    c = connect(args)
    table = 'rt_' + args.compression
    c.execute('CREATE TABLE %s (%s) ENGINE = MergeTree ORDER BY id' % (table, ROUND_TRIP_COLUMNS))
    rows = round_trip_rows()
    equal(c.execute('INSERT INTO %s VALUES' % table, rows), 3, 'inserted rows')
    back = c.execute('SELECT * FROM %s ORDER BY id' % table)
    expected = []
    for r in rows:
        r = list(r)
        r[6] = r[6].rstrip('\x00')  # FixedString comes back without its padding
        expected.append(tuple(r))
    got = []
    for r in back:
        r = list(r)
        r[8] = r[8].astimezone(UTC)
        got.append(tuple(r))
    equal(got, expected, 'rows')
    report('rows', len(back))


def large_insert(args):
    n = 250000
    c = connect(args)
    table = 'big_' + args.compression
    c.execute('CREATE TABLE %s (id UInt64, s String, v Float64, d Date) ENGINE = MergeTree ORDER BY id' % table)
    base = datetime.date(2020, 1, 1)
    rows = [(i, 'row-%d%s' % (i, '-ü' if i % 1000 == 0 else ''), i / 4, base + datetime.timedelta(days=i % 1000))
            for i in range(n)]
    # the driver cuts the rows into blocks of insert_block_size: 250 Data packets
    inserted = c.execute('INSERT INTO %s VALUES' % table, rows, settings={'insert_block_size': 1000})
    equal(inserted, n, 'inserted rows')
    stats = c.execute('SELECT count(), sum(id), sum(v), sum(length(s)), min(d), max(d) FROM %s' % table)[0]
    report('count', stats[0])
    report('sum_id', stats[1])
    report('sum_v', repr(stats[2]))
    report('sum_length_s', stats[3])
    report('min_d', stats[4].isoformat())
    report('max_d', stats[5].isoformat())
    equal(stats[:3], (n, n * (n - 1) // 2, n * (n - 1) / 8), 'count, sum(id), sum(v)')
    back = c.execute('SELECT id, s, v, d FROM %s ORDER BY id' % table, settings={'max_block_size': 10000})
    equal(len(back), n, 'rows read back')
    if back != rows:
        i = next(i for i, (a, b) in enumerate(zip(back, rows)) if a != b)
        raise CheckFailed('row %d read back as %r, inserted as %r' % (i, back[i], rows[i]))


def error_missing_column(args):
    from clickhouse_driver import errors

    c = connect(args)
    table = 'miss_' + args.compression
    c.execute('CREATE TABLE %s (id UInt64, v UInt32) ENGINE = Memory' % table)
    c.execute('INSERT INTO %s VALUES' % table, [(1, 10), (2, 20), (3, 30)])
    conn = c.connection
    sock = conn.socket
    # packet by packet: the server answers the INSERT with an Exception instead of its header block
    blocks, error = raw_query(c, 'INSERT INTO %s (id, nope) VALUES' % table)
    check(error is not None, 'the INSERT into a missing column did not fail')
    equal(error.code, 16, 'error code (NO_SUCH_COLUMN_IN_TABLE)')
    report('raw error code', error.code)
    # the same connection (same socket) goes on working
    blocks, error = raw_query(c, 'SELECT count(), sum(v) FROM %s' % table)
    check(error is None, 'error after the failed INSERT: %r' % (error,))
    check(c.connection is conn and conn.socket is sock, 'the connection was replaced')
    equal(blocks, [[(3, 60)]], 'count, sum(v) on the same connection')
    # the Client API: the error surfaces as ServerException with the code; the client goes on working
    try:
        c.execute('INSERT INTO %s (id, nope) VALUES' % table, [(4, 40)])
        raise CheckFailed('the INSERT into a missing column did not fail')
    except errors.ServerException as e:
        equal(e.code, 16, 'error code')
        report('client error code', e.code)
    equal(c.execute('SELECT count(), sum(v) FROM %s' % table), [(3, 60)], 'count, sum(v)')
    equal(c.execute('INSERT INTO %s VALUES' % table, [(4, 40)]), 1, 'inserted rows')
    equal(c.execute('SELECT count(), sum(v) FROM %s' % table), [(4, 100)], 'count, sum(v)')


def error_mid_insert(args):
    """The server rejects the 4th of 5 blocks (a MATERIALIZED throwIf sees a value that does not fit)."""
    from clickhouse_driver import errors

    c = connect(args)
    table = 'mid_' + args.compression
    c.execute('CREATE TABLE %s (id UInt64, v UInt32, fits UInt8 MATERIALIZED throwIf(v > 1000))'
              ' ENGINE = MergeTree ORDER BY id' % table)
    rows = [(i, 5000 if i == 3500 else i % 1000) for i in range(5000)]
    try:
        c.execute('INSERT INTO %s (id, v) VALUES' % table, rows, settings={'insert_block_size': 1000})
        raise CheckFailed('the INSERT did not fail')
    except errors.ServerException as e:
        equal(e.code, 395, 'error code (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO)')
        report('error code', e.code)
    equal(c.execute('SELECT count() FROM %s' % table), [(0,)], 'rows of the failed INSERT')
    good = [(10000 + i, i % 1000) for i in range(5000)]
    equal(c.execute('INSERT INTO %s (id, v) VALUES' % table, good, settings={'insert_block_size': 1000}),
          5000, 'inserted rows')
    equal(c.execute('SELECT count(), sum(v), min(id) FROM %s' % table), [(5000, 2497500, 10000)], 'count, sum(v), min(id)')


def error_abandoned_insert(args):
    """The driver cannot encode the 3rd of 5 blocks (300 does not fit UInt8) and drops the connection
    after sending two blocks and no end of data."""
    from clickhouse_driver import errors

    c = connect(args)
    table = 'aband_' + args.compression
    c.execute('CREATE TABLE %s (id UInt64, small UInt8) ENGINE = MergeTree ORDER BY id' % table)
    rows = [(i, 300 if i == 2500 else i % 200) for i in range(5000)]
    try:
        c.execute('INSERT INTO %s VALUES' % table, rows, settings={'insert_block_size': 1000})
        raise CheckFailed('the INSERT did not fail')
    except errors.TypeMismatchError as e:
        equal(e.code, 53, 'error code')
        report('error code', e.code)
    check(not c.connection.connected, 'the driver kept the connection of the abandoned INSERT')
    equal(c.execute('SELECT 1'), [(1,)], 'a query after the abandoned INSERT')


CASES = {f.__name__: f for f in (select_types, select_many_blocks, insert_round_trip, large_insert,
                                 error_missing_column, error_mid_insert, error_abandoned_insert)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--host', required=True)
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--database', required=True)
    p.add_argument('--compression', choices=('none', 'lz4', 'zstd'), required=True)
    p.add_argument('case', choices=sorted(CASES))
    args = p.parse_args()
    if args.compression != 'none':
        try:
            import clickhouse_cityhash.cityhash  # noqa: F401
            report('cityhash', 'package')
        except ImportError:
            sys.path.append(os.path.join(HERE, 'cityhash_fallback'))
            report('cityhash', 'fallback')
    try:
        CASES[args.case](args)
    except CheckFailed as e:
        print('FAILED %s (%s): %s' % (args.case, args.compression, e), flush=True)
        sys.exit(1)
    print('ok %s' % args.case, flush=True)


if __name__ == '__main__':
    main()
