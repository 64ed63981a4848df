"""Totals and extremes through clickhouse-driver (Debian's python3-clickhouse-driver 0.2.5), Proxist against ClickHouse.

Run by TotalsAndExtremesTest with /usr/bin/python3:

    totals_check.py --host H --proxist-port P --clickhouse-port C --database D --compression none|lz4|zstd

Every query runs on both servers: packet by packet (the order of Data, Totals, Extremes and ProfileInfo
packets, and the rows of each kind) and through Client.execute (which appends the totals and extremes rows to
the data, as the driver does); both must be equal. Prints ``same: N`` for each query and ``ok`` last; exits 1
with a message at the first difference. Compression: as native_driver_check.py (cityhash_fallback/).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

NUMBERS = '(SELECT number FROM system.numbers LIMIT 10)'

GROUPED = ('SELECT number % 3 AS k, count() AS c, sum(number) AS s, toString(k) AS t, if(k = 1, NULL, k) AS n'
           ' FROM ' + NUMBERS + ' GROUP BY k WITH TOTALS ORDER BY k')

QUERIES = [
    (GROUPED, {}),
    (GROUPED, {'extremes': 1}),
    ('SELECT number AS x, toString(number) AS s, number / 3 AS f, toDate(\'2020-01-01\') + number AS d FROM '
     + NUMBERS, {'extremes': 1}),
    ('SELECT count() AS c, sum(number) AS s FROM ' + NUMBERS + ' WITH TOTALS', {'extremes': 1}),
    # no rows: the totals row of defaults, no extremes
    ('SELECT number % 2 AS k, count() AS c FROM (SELECT number FROM system.numbers LIMIT 0) GROUP BY k WITH TOTALS',
     {'extremes': 1}),
    # one String column whose rows are empty lines in the text Proxist reads from the backend
    ('SELECT \'\' AS s FROM ' + NUMBERS + ' GROUP BY s WITH TOTALS', {'extremes': 1}),
    ('SELECT if(number % 2 = 0, \'\', \'x\') AS s FROM ' + NUMBERS + ' GROUP BY s WITH TOTALS ORDER BY s',
     {}),
    # a subquery's totals reach the outer result
    ('SELECT * FROM (SELECT number % 2 AS k, count() AS c FROM ' + NUMBERS + ' GROUP BY k WITH TOTALS) ORDER BY k',
     {}),
    # many blocks of data before the totals
    ('SELECT number % 1000 AS k, count() AS c FROM (SELECT number FROM system.numbers LIMIT 100000)'
     ' GROUP BY k WITH TOTALS ORDER BY k', {'extremes': 1, 'max_block_size': 100}),
]


class CheckFailed(Exception):
    pass


def connect(args, port):
    from clickhouse_driver import Client

    compression = {'none': False, 'lz4': 'lz4', 'zstd': 'zstd'}[args.compression]
    return Client(args.host, port=port, database=args.database, user='default', password='',
                  compression=compression, connect_timeout=10, send_receive_timeout=120)


def packets(client, sql, settings):
    """The query's Data, Totals, Extremes and ProfileInfo packets: a list of (kind, rows), consecutive Data
    packets merged (block boundaries are the server's own choice)."""
    from clickhouse_driver.protocol import ServerPacketTypes

    kinds = {ServerPacketTypes.DATA: 'data', ServerPacketTypes.TOTALS: 'totals',
             ServerPacketTypes.EXTREMES: 'extremes', ServerPacketTypes.PROFILE_INFO: 'profile'}
    client.make_query_settings(settings)
    conn = client.connection
    conn.force_connect()
    conn.send_query(sql)
    conn.send_external_tables(None)
    out = []
    while True:
        packet = conn.receive_packet()
        if packet.type == ServerPacketTypes.EXCEPTION:
            raise CheckFailed('%s: %s' % (sql, packet.exception))
        if packet.type == ServerPacketTypes.END_OF_STREAM:
            return out
        kind = kinds.get(packet.type)
        if kind is None:
            continue
        rows = packet.block.get_rows() if kind != 'profile' and packet.block.num_rows else []
        if kind == 'data' and not rows:
            continue
        if kind == 'data' and out and out[-1][0] == 'data':
            out[-1] = ('data', out[-1][1] + rows)
        else:
            out.append((kind, rows))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--host', required=True)
    p.add_argument('--proxist-port', type=int, required=True)
    p.add_argument('--clickhouse-port', type=int, required=True)
    p.add_argument('--database', required=True)
    p.add_argument('--compression', choices=('none', 'lz4', 'zstd'), required=True)
    args = p.parse_args()
    if args.compression != 'none':
        try:
            import clickhouse_cityhash.cityhash  # noqa: F401
        except ImportError:
            sys.path.append(os.path.join(HERE, 'cityhash_fallback'))
    proxist = connect(args, args.proxist_port)
    clickhouse = connect(args, args.clickhouse_port)
    try:
        for i, (sql, settings) in enumerate(QUERIES):
            expected = packets(clickhouse, sql, settings)
            actual = packets(proxist, sql, settings)
            if actual != expected:
                raise CheckFailed('packets of %s %s:\n  clickhouse %r\n  proxist    %r'
                                  % (sql, settings, expected, actual))
            kinds = ' '.join(k for k, _ in expected)
            expected = clickhouse.execute(sql, settings=settings, with_column_types=True)
            actual = proxist.execute(sql, settings=settings, with_column_types=True)
            if actual != expected:
                raise CheckFailed('execute %s %s:\n  clickhouse %r\n  proxist    %r'
                                  % (sql, settings, expected, actual))
            print('same: %d %s' % (i, kinds), flush=True)
    except CheckFailed as e:
        print('FAILED (%s): %s' % (args.compression, e), flush=True)
        sys.exit(1)
    finally:
        proxist.disconnect()
        clickhouse.disconnect()
    print('ok', flush=True)


if __name__ == '__main__':
    main()
