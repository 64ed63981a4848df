"""A client of Proxist's native port that inserts numbered batches into trades until it is stopped.

Run by CrashRecoveryTest with /usr/bin/python3 (Debian's python3-clickhouse-driver):

    crash_writer.py --host H --port P --database D --seed S --first N [--retry R]

Batch i is a pure function of (seed, i): 1 to 40 rows with keys (symbol, ts, seq) that no other batch has. The
writer first sends batch R again when given (the batch whose answer it never saw last time: a client retry), then
batches N, N+1, ... For each batch it prints ``ACK i`` once Proxist acknowledged it, flushing stdout, so the test
knows exactly which batches were acknowledged; when an INSERT fails (Proxist was killed) it prints ``FAIL i`` and
exits with status 3. ``--rows-of i`` prints batch i's keys instead (the test's oracle).
"""
import argparse
import datetime
import random
import sys

UTC = datetime.timezone.utc
SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'ES', 'NQ', 'CL', 'GC', 'EURUSD']
BASE = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def batch(seed, i):
    rnd = random.Random(seed * 1_000_003 + i)
    rows = []
    for j in range(1 + rnd.randrange(40)):
        ts = BASE + datetime.timedelta(seconds=i, milliseconds=j, microseconds=rnd.randrange(1000))
        rows.append((rnd.choice(SYMBOLS), ts, i * 1000 + j, 'X%d_%d' % (i, j), 'XNAS',
                     round(100 + rnd.random() * 50, 4), float(1 + rnd.randrange(500)), 'buy', '', ts, 1,
                     'crash-test', 'test'))
    return rows


def key(row):
    ts = row[1]
    nanos = ((ts - datetime.datetime(1970, 1, 1, tzinfo=UTC)) // datetime.timedelta(microseconds=1)) * 1000
    return '%s\t%d\t%d' % (row[0], nanos, row[2])


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--port', type=int)
    p.add_argument('--database')
    p.add_argument('--seed', type=int, required=True)
    p.add_argument('--first', type=int, default=0)
    p.add_argument('--retry', type=int, default=-1)
    p.add_argument('--rows-of', type=int, nargs='*')
    a = p.parse_args()
    if a.rows_of is not None:
        for i in a.rows_of:
            for row in batch(a.seed, i):
                print('%d\t%s' % (i, key(row)))
        return 0
    from clickhouse_driver import Client
    client = Client(a.host, port=a.port, database=a.database, connect_timeout=10, send_receive_timeout=60)
    order = ([a.retry] if a.retry >= 0 else []) + list(range(a.first, a.first + 1_000_000))
    for i in order:
        try:
            client.execute(
                'INSERT INTO trades (symbol, ts, seq, trade_id, exchange, price, size, side, conditions, recv_ts,'
                ' version, source, environment) VALUES', batch(a.seed, i))
        except Exception as e:  # the server went away: the batch's fate is unknown to this client
            print('FAIL %d %s' % (i, type(e).__name__), flush=True)
            return 3
        print('ACK %d' % i, flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
