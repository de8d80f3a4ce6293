package org.vaultmail.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every row of every table in the current schema as text, the way a stolen dump would read: byte
 * columns both as hex and as raw characters, so a plaintext secret shows up in either form.
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String of(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> tables = jdbc.execute((Connection c) -> {
            List<String> names = new ArrayList<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) names.add(rs.getString("TABLE_NAME"));
            }
            return names;
        });
        if (tables == null || tables.isEmpty()) throw new IllegalStateException("no tables found to dump");
        StringBuilder out = new StringBuilder();
        for (String table : tables) {
            out.append("== ").append(table).append('\n');
            jdbc.query("SELECT * FROM " + table, rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                    out.append(rs.getMetaData().getColumnName(i)).append('=').append(text(rs, i)).append(' ');
                }
                out.append('\n');
            });
        }
        return out.toString();
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes) + " / " + new String(bytes, StandardCharsets.ISO_8859_1)
                    + " / " + new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
