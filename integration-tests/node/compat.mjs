// @clickhouse/client against Proxist. Usage: node compat.mjs <url> <database>
// Prints one line per check; exits non-zero on the first failure.
import { createClient } from '@clickhouse/client'
import assert from 'node:assert/strict'

const [url, database] = process.argv.slice(2)
const client = createClient({ url, database, username: 'default', password: '' })

async function check(name, fn) {
  try {
    await fn()
    console.log(`ok ${name}`)
  } catch (e) {
    console.log(`FAILED ${name}: ${e?.stack ?? e}`)
    await client.close()
    process.exit(1)
  }
}

await check('ping', async () => {
  const r = await client.ping()
  assert.equal(r.success, true)
})

await check('query JSON', async () => {
  const rs = await client.query({ query: 'SELECT number AS n, toString(number) AS s FROM system.numbers LIMIT 3', format: 'JSON' })
  const j = await rs.json()
  assert.deepEqual(j.data.map((r) => r.s), ['0', '1', '2'])
  assert.equal(j.rows, 3)
  assert.deepEqual(j.meta.map((m) => m.name), ['n', 's'])
})

await check('query JSONEachRow', async () => {
  const rs = await client.query({ query: 'SELECT 1 AS a, \'x\' AS b', format: 'JSONEachRow' })
  assert.deepEqual(await rs.json(), [{ a: 1, b: 'x' }])
})

await check('query JSONCompactEachRow', async () => {
  const rs = await client.query({ query: 'SELECT 1 AS a, \'x\' AS b', format: 'JSONCompactEachRow' })
  assert.deepEqual(await rs.json(), [[1, 'x']])
})

await check('query parameters', async () => {
  const rs = await client.query({
    query: 'SELECT {n:UInt32} + 1 AS n, {s:String} AS s',
    query_params: { n: 41, s: "it's" },
    format: 'JSONEachRow',
  })
  assert.deepEqual(await rs.json(), [{ n: 42, s: "it's" }])
})

await check('command and insert JSONEachRow', async () => {
  await client.command({ query: 'CREATE TABLE IF NOT EXISTS node_t (id UInt32, name String) ENGINE = MergeTree ORDER BY id' })
  await client.insert({ table: 'node_t', values: [{ id: 1, name: 'one' }, { id: 2, name: 'two' }], format: 'JSONEachRow' })
  const rs = await client.query({ query: 'SELECT id, name FROM node_t ORDER BY id', format: 'JSONEachRow' })
  assert.deepEqual(await rs.json(), [{ id: 1, name: 'one' }, { id: 2, name: 'two' }])
})

if (process.env.PROXIST_NODE_COMPACT_INSERT === '1') {
  await check('insert JSONCompactEachRow', async () => {
    await client.insert({ table: 'node_t', values: [[3, 'three']], format: 'JSONCompactEachRow' })
    const rs = await client.query({ query: 'SELECT count() AS c FROM node_t', format: 'JSONEachRow' })
    assert.deepEqual(await rs.json(), [{ c: 3 }])
  })
}

await check('errors', async () => {
  await assert.rejects(
    client.query({ query: 'SELECT * FROM no_such_table', format: 'JSON' }),
    (e) => e.code === '60' && e.type === 'UNKNOWN_TABLE',
  )
  await assert.rejects(client.query({ query: 'SELEC 1' }), (e) => e.code === '62' && e.type === 'SYNTAX_ERROR')
  const rs = await client.query({ query: 'SELECT 2 AS x', format: 'JSONEachRow' })
  assert.deepEqual(await rs.json(), [{ x: 2 }])
})

await client.close()
console.log('all ok')
