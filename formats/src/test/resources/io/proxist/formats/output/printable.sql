SELECT
    number AS n,
    toInt32(-70000 * number) AS i32,
    toUInt64(18446744073709551615 - number) AS u64,
    toFloat32(number / 3) AS f32,
    [0., -0., 0.1, 1 / 3, 1e300, 1 / 0, -1 / 0, 0 / 0, 0.1 + 0.2, 1e21, 1e-7][number % 11 + 1] AS f64,
    concat('str ', toString(number), if(number % 5 = 0, ' with \'quotes\' and "double" and é', '')) AS s,
    if(number = 3, arrayStringConcat(arrayMap(x -> 'x', range(300))), 'short') AS long_string,
    toFixedString(toString(number % 100), 3) AS fs,
    toDate('2024-02-29') + number AS d,
    toDateTime('2024-03-10 06:59:59', 'UTC') + number * 3600 AS dt,
    CAST(number % 2 + 1 AS Enum8('a' = 1, 'b' = 2)) AS e,
    toDecimal64(number / 8 - 2, 3) AS dec,
    if(number % 3 = 0, NULL, number) AS nn,
    if(number % 4 = 0, NULL, 'maybe') AS ns,
    range(number % 4) AS arr,
    [if(number % 2 = 0, NULL, 'z')] AS arrn,
    (number, 'a\'') AS tup,
    number * 1000000 AS big
FROM system.numbers LIMIT 50
SETTINGS max_block_size = 7
