"""Pure-Python stand-in for the clickhouse-cityhash package (see cityhash.py)."""
