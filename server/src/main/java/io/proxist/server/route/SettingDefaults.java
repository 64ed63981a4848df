package io.proxist.server.route;

import java.util.Map;

/** Defaults of the settings clients read with getSetting() on connect, as a current ClickHouse reports them. */
final class SettingDefaults {
    private static final Map<String, String> DEFAULTS = Map.of(
            "max_threads", "'auto(2)'",
            "max_block_size", "65409",
            "readonly", "0",
            "output_format_json_quote_64bit_integers", "1",
            "date_time_input_format", "basic",
            "date_time_output_format", "simple",
            "max_execution_time", "0",
            "async_insert", "0");

    private SettingDefaults() {}

    static String of(String name) {
        return DEFAULTS.getOrDefault(name, "");
    }
}
