package io.ticketing.projections.readmodel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The shadow copies of a projection's tables: created empty with the live tables' exact structure,
 * swapped with the live ones in one atomic RENAME (queries see either the old or the new table, never
 * none), or dropped when a rebuild is abandoned.
 */
@Component
public class ShadowTables {
    private static final String RETIRED = "__retired";

    private final ReadModelDataSource dataSource;
    private final JdbcTemplate jdbc;

    public ShadowTables(ReadModelDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void prepare(Collection<String> tables) {
        String live = quote(dataSource.liveCatalog());
        String shadow = quote(dataSource.shadowCatalog());
        jdbc.execute("CREATE DATABASE IF NOT EXISTS " + shadow);
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow + "." + quote(table));
            jdbc.execute("CREATE TABLE " + shadow + "." + quote(table) + " LIKE " + live + "." + quote(table));
        }
    }

    /** Puts the shadow tables in the live ones' place in one statement, then drops the old ones. */
    public void swap(Collection<String> tables) {
        String live = quote(dataSource.liveCatalog());
        String shadow = quote(dataSource.shadowCatalog());
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow + "." + quote(table + RETIRED));
        }
        jdbc.execute("RENAME TABLE " + tables.stream()
                .map(t -> live + "." + quote(t) + " TO " + shadow + "." + quote(t + RETIRED) + ", "
                        + shadow + "." + quote(t) + " TO " + live + "." + quote(t))
                .collect(Collectors.joining(", ")));
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow + "." + quote(table + RETIRED));
        }
    }

    public void drop(Collection<String> tables) {
        String shadow = quote(dataSource.shadowCatalog());
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + shadow + "." + quote(table));
        }
    }

    public long count(String table, boolean inShadow) {
        String db = quote(inShadow ? dataSource.shadowCatalog() : dataSource.liveCatalog());
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + db + "." + quote(table), Long.class);
        return rows == null ? 0 : rows;
    }

    private static String quote(String name) {
        if (!name.matches("[A-Za-z0-9_$]+")) {
            throw new IllegalArgumentException("unexpected database object name: " + name);
        }
        return "`" + name + "`";
    }
}
