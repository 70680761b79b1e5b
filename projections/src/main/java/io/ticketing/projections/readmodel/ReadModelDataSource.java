package io.ticketing.projections.readmodel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The read side's data source, routed by Spring: on a rebuild's threads ({@link ShadowScope}) it hands out
 * connections to the shadow database instead of the live one; everywhere else it is the live pool. JPA, JDBC
 * and the token store all go through it, so projection code needs no knowledge of rebuilds.
 * <p>
 * The shadow pool joins the routing on first use, not at start-up: its database exists only once a rebuild has
 * created it, and Spring Boot's database health check pings every target resolved when the context starts (a
 * missing shadow database would turn the app DOWN).
 */
public class ReadModelDataSource extends AbstractRoutingDataSource implements Closeable {
    private static final int SHADOW_POOL_SIZE = 4;

    /** The routing keys; health reports the live pool under {@code live}. */
    private enum Target {
        LIVE, SHADOW;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    private final HikariDataSource live;
    private volatile HikariDataSource shadow;
    private volatile String liveCatalog;

    public ReadModelDataSource(HikariDataSource live) {
        this.live = live;
        setTargetDataSources(Map.of(Target.LIVE, live));
        setLenientFallback(false);
        initialize();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        if (!ShadowScope.active()) {
            return Target.LIVE;
        }
        shadowPool();
        return Target.SHADOW;
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

    private void shadowPool() {
        if (shadow != null) {
            return;
        }
        synchronized (this) {
            if (shadow == null) {
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
                HikariDataSource pool = new HikariDataSource(config);
                setTargetDataSources(Map.of(Target.LIVE, live, Target.SHADOW, pool));
                initialize();
                // Published after the routing knows it: a thread that sees the pool also sees its route.
                shadow = pool;
            }
        }
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
