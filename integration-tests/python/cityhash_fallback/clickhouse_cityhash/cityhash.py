"""CityHash128 as of CityHash 1.0.2, the checksum of ClickHouse's compressed frames.

clickhouse-driver imports ``clickhouse_cityhash.cityhash.CityHash128`` for every compressed block it
sends or receives. That package (clickhouse-cityhash) is not packaged in Debian, so the compatibility
tests put this directory at the *end* of ``sys.path``: an installed clickhouse-cityhash still wins.

Same contract as the package: ``CityHash128(data)`` returns ``(low64 << 64) | high64`` of the reference
``uint128``, the order clickhouse-driver writes (``write_binary_uint128``) and compares. The real server
verifies every checksum this computes and sends checksums this verifies, so a mistake here fails the
tests loudly instead of passing silently.
"""
import struct

_M = (1 << 64) - 1
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F
_K3 = 0xC949D7C7509E6557
_MUL = 0x9DDFEA08EB382D69
_Q = struct.Struct('<Q').unpack_from
_I = struct.Struct('<I').unpack_from


def _f64(s, i):
    return _Q(s, i)[0]


def _f32(s, i):
    return _I(s, i)[0]


def _rot(v, shift):
    # the reference's Rotate (shift may be 0) and RotateByAtLeast1 agree for shift in 1..63
    return v if shift == 0 else ((v >> shift) | (v << (64 - shift))) & _M


def _shift_mix(v):
    return v ^ (v >> 47)


def _hash16(u, v):
    a = ((u ^ v) * _MUL) & _M
    a ^= a >> 47
    b = ((v ^ a) * _MUL) & _M
    b ^= b >> 47
    return (b * _MUL) & _M


def _len0to16(s, off, n):
    if n > 8:
        a = _f64(s, off)
        b = _f64(s, off + n - 8)
        return _hash16(a, _rot((b + n) & _M, n)) ^ b
    if n >= 4:
        a = _f32(s, off)
        return _hash16((n + (a << 3)) & _M, _f32(s, off + n - 4))
    if n > 0:
        a = s[off]
        b = s[off + (n >> 1)]
        c = s[off + n - 1]
        y = a + (b << 8)
        z = n + (c << 2)
        return (_shift_mix(((y * _K2) ^ (z * _K3)) & _M) * _K2) & _M
    return _K2


def _murmur(s, off, n, a, b):
    if n <= 16:
        a = (_shift_mix((a * _K1) & _M) * _K1) & _M
        c = (b * _K1 + _len0to16(s, off, n)) & _M
        d = _shift_mix((a + (_f64(s, off) if n >= 8 else c)) & _M)
    else:
        c = _hash16((_f64(s, off + n - 8) + _K1) & _M, a)
        d = _hash16((b + n) & _M, (c + _f64(s, off + n - 16)) & _M)
        a = (a + d) & _M
        p = off
        left = n - 16
        while True:
            a ^= (_shift_mix((_f64(s, p) * _K1) & _M) * _K1) & _M
            a = (a * _K1) & _M
            b ^= a
            c ^= (_shift_mix((_f64(s, p + 8) * _K1) & _M) * _K1) & _M
            c = (c * _K1) & _M
            d ^= c
            p += 16
            left -= 16
            if left <= 0:
                break
    a = _hash16(a, c)
    b = _hash16(d, b)
    return a ^ b, _hash16(b, a)


def _weak32(s, p, a, b):
    w = _f64(s, p)
    x = _f64(s, p + 8)
    y = _f64(s, p + 16)
    z = _f64(s, p + 24)
    a = (a + w) & _M
    b = _rot((b + a + z) & _M, 21)
    c = a
    a = (a + x + y) & _M
    b = (b + _rot(a, 44)) & _M
    return (a + z) & _M, (b + c) & _M


def _with_seed(s, off, n, x, y):
    if n < 128:
        return _murmur(s, off, n, x, y)
    z = (n * _K1) & _M
    v0 = (_rot(y ^ _K1, 49) * _K1 + _f64(s, off)) & _M
    v1 = (_rot(v0, 42) * _K1 + _f64(s, off + 8)) & _M
    w0 = (_rot((y + z) & _M, 35) * _K1 + x) & _M
    w1 = (_rot((x + _f64(s, off + 88)) & _M, 53) * _K1) & _M
    p = off
    while True:
        for _ in (0, 1):
            x = (_rot((x + y + v0 + _f64(s, p + 16)) & _M, 37) * _K1) & _M
            y = (_rot((y + v1 + _f64(s, p + 48)) & _M, 42) * _K1) & _M
            x ^= w1
            y ^= v0
            z = _rot(z ^ w0, 33)
            v0, v1 = _weak32(s, p, (v1 * _K1) & _M, (x + w0) & _M)
            w0, w1 = _weak32(s, p + 32, (z + w1) & _M, y)
            z, x = x, z
            p += 64
        n -= 128
        if n < 128:
            break
    y = (y + _rot(w0, 37) * _K0 + z) & _M
    x = (x + _rot((v0 + z) & _M, 49) * _K0) & _M
    done = 0
    while done < n:
        done += 32
        q = p + n - done
        y = (_rot((y - x) & _M, 42) * _K0 + v1) & _M
        w0 = (w0 + _f64(s, q + 16)) & _M
        x = (_rot(x, 49) * _K0 + w0) & _M
        w0 = (w0 + v0) & _M
        v0, v1 = _weak32(s, q, v0, v1)
    x = _hash16(x, v0)
    y = _hash16(y, w0)
    return (_hash16((x + v1) & _M, w1) + y) & _M, _hash16((x + w1) & _M, (y + v1) & _M)


def CityHash128(data):
    s = bytes(data)
    n = len(s)
    if n >= 16:
        lo, hi = _with_seed(s, 16, n - 16, _f64(s, 0) ^ _K3, _f64(s, 8))
    elif n >= 8:
        lo, hi = _with_seed(s, 0, 0, _f64(s, 0) ^ ((n * _K0) & _M), _f64(s, n - 8) ^ _K1)
    else:
        lo, hi = _with_seed(s, 0, n, _K0, _K1)
    return (lo << 64) | hi
