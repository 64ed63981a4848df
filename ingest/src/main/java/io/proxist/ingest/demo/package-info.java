/**
 * The live demo: {@link io.proxist.ingest.demo.DemoFeed}, a synthetic, seeded market feed (random-walk quotes with L2
 * depth, public trades, our own orders, fills and positions) recorded through the recorder's mappers and handed to a
 * {@link io.proxist.ingest.demo.DemoSink} (the ingest path) as one block per table per tick.
 */
package io.proxist.ingest.demo;
