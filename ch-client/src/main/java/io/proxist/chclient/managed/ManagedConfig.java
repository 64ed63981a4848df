package io.proxist.chclient.managed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the minimal configuration of a managed server into its directory: loopback only, the given ports,
 * its data, tmp and log paths inside the directory, UTC, one {@code default} user without password reachable
 * from loopback only, and no system log tables.
 */
final class ManagedConfig {
    private ManagedConfig() {}

    static Path write(Path dir, int httpPort, int tcpPort) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs.resolve("data"));
        Files.createDirectories(abs.resolve("tmp"));
        Files.createDirectories(abs.resolve("log"));
        Files.createDirectories(abs.resolve("user_files"));
        Files.createDirectories(abs.resolve("format_schemas"));
        String config = """
                <?xml version="1.0"?>
                <!-- Written by Proxist for its managed ClickHouse; rewritten at every start. -->
                <yandex>
                  <logger>
                    <level>information</level>
                    <log>%1$s/log/clickhouse-server.log</log>
                    <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                    <size>100M</size>
                    <count>3</count>
                    <console>0</console>
                  </logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <display_name>proxist-managed</display_name>
                  <max_connections>1024</max_connections>
                  <keep_alive_timeout>60</keep_alive_timeout>
                  <shutdown_wait_unfinished>2</shutdown_wait_unfinished>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <uncompressed_cache_size>268435456</uncompressed_cache_size>
                  <mark_cache_size>268435456</mark_cache_size>
                  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
                  <max_session_timeout>3600</max_session_timeout>
                  <default_session_timeout>60</default_session_timeout>
                </yandex>
                """.formatted(abs, httpPort, tcpPort);
        String users = """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>4000000000</max_memory_usage>
                    </default>
                  </profiles>
                  <users>
                    <default>
                      <password></password>
                      <networks>
                        <ip>127.0.0.1</ip>
                        <ip>::1</ip>
                      </networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                  </users>
                  <quotas>
                    <default></default>
                  </quotas>
                </yandex>
                """;
        Path configFile = abs.resolve("config.xml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Files.writeString(abs.resolve("users.xml"), users, StandardCharsets.UTF_8);
        return configFile;
    }
}
