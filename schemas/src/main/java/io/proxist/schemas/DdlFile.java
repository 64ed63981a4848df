package io.proxist.schemas;

import io.proxist.core.schema.TableSchema;

/**
 * One file of schemas/ddl: its name, its text, and the logical table it declares.
 *
 * @param checksum SHA-256 of the text, recorded when the file is applied
 */
public record DdlFile(String name, String text, String checksum, TableSchema table) {}
