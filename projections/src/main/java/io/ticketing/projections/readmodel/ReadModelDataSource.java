package io.ticketing.projections.readmodel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The read side's data source. On a rebuild's threads ({@link ShadowScope}) it hands out connections to
 * the shadow database instead of the live one; everywhere else it is the live pool. JPA, JDBC and the
 * token store all go through it, so projection code needs no knowledge of rebuilds.
 */
public class ReadModelDataSource extends DelegatingDataSource implements Closeable {
    private static final int SHADOW_POOL_SIZE = 4;

    private final HikariDataSource live;
    private volatile HikariDataSource shadow;
    private volatile String liveCatalog;

    public ReadModelDataSource(HikariDataSource live) {
        super(live);
        this.live = live;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return ShadowScope.active() ? shadowPool().getConnection() : live.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return ShadowScope.active() ? shadowPool().getConnection(username, password)
                : live.getConnection(username, password);
    }

    /** The live database's name (the catalog the configured URL points at). */
    public String liveCatalog() {
        if (liveCatalog == null) {
            try (Connection connection = live.getConnection()) {
                liveCatalog = connection.getCatalog();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the read-model database name", e);
            }
        }
        return liveCatalog;
    }

    /** Where rebuilds write: the live database's name with {@code _shadow}, on the same server. */
    public String shadowCatalog() {
        return liveCatalog() + "_shadow";
    }

    private HikariDataSource shadowPool() {
        HikariDataSource pool = shadow;
        if (pool == null) {
            synchronized (this) {
                pool = shadow;
                if (pool == null) {
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(live.getJdbcUrl());
                    config.setUsername(live.getUsername());
                    config.setPassword(live.getPassword());
                    config.setDriverClassName(live.getDriverClassName());
                    config.setDataSourceProperties(live.getDataSourceProperties());
                    config.setCatalog(shadowCatalog());
                    config.setMaximumPoolSize(SHADOW_POOL_SIZE);
                    config.setMinimumIdle(0);
                    config.setPoolName(live.getPoolName() + "-shadow");
                    pool = new HikariDataSource(config);
                    shadow = pool;
                }
            }
        }
        return pool;
    }

    @Override
    public void close() {
        HikariDataSource pool = shadow;
        if (pool != null) {
            pool.close();
        }
        live.close();
    }
}
