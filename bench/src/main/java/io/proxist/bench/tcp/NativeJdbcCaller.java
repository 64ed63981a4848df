package io.proxist.bench.tcp;

import com.github.housepower.jdbc.ClickHouseDriver;
import com.github.housepower.settings.ClickHouseDefines;
import io.proxist.bench.load.LoadGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * One native-protocol connection of clickhouse-native-jdbc (client revision 54380) sending one query over and
 * over: each call executes it and reads every row. After an error the connection is dropped and the next call
 * opens a new one, so that one broken exchange does not turn every later request into an error.
 *
 * <p>The driver decides compression once per connection from the global {@link ClickHouseDefines#COMPRESSION}
 * (true by default: the query asks for LZ4 frames and the answer comes in them); {@link #compression(boolean)}
 * sets it before the connections of a phase are opened.
 */
public final class NativeJdbcCaller implements LoadGenerator.Caller {
    private static final ClickHouseDriver DRIVER = new ClickHouseDriver();

    private final String url;
    private final String sql;
    private Connection connection;
    private Statement statement;

    private NativeJdbcCaller(String url, String sql) throws SQLException {
        this.url = url;
        this.sql = sql;
        open();
    }

    /** A connector for the load generator: connections to {@code 127.0.0.1:port}, each sending {@code sql}. */
    static LoadGenerator.Connector connector(int port, String sql) {
        String url = url(port);
        return worker -> new NativeJdbcCaller(url, sql);
    }

    static String url(int port) {
        return "jdbc:clickhouse://127.0.0.1:" + port + "/default";
    }

    /** Whether connections opened from now on ask for compressed data (the driver's global switch). */
    static void compression(boolean on) {
        ClickHouseDefines.COMPRESSION = on;
    }

    /** A connection of its own, for one-off queries; the caller closes it. */
    public static Connection connect(int port) throws SQLException {
        return connect(url(port));
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "default");
        p.setProperty("password", "");
        p.setProperty("connect_timeout", "10");
        p.setProperty("query_timeout", "30");
        Connection c = DRIVER.connect(url, p);
        if (c == null) throw new SQLException("the driver does not take " + url);
        return c;
    }

    private void open() throws SQLException {
        connection = connect(url);
        statement = connection.createStatement();
    }

    @Override
    public String call(SplittableRandom random) {
        try {
            if (connection == null) open();
            try (ResultSet rs = statement.executeQuery(sql)) {
                if (!rs.next()) return "empty answer";
                while (rs.next()) {
                    // every row is read
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            close();
            return e.toString();
        }
    }

    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        statement = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // the connection is dropped either way
            }
        }
    }
}
