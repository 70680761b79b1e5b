package io.ticketing.projections;

import java.util.List;

/** Each read model is built by its own tracking processor, so it can be replayed on its own. */
public final class ProjectionNames {
    public static final String CATALOG = "catalog";
    public static final String SEAT_MAP = "seat-map";
    public static final String RESERVATIONS = "reservations";

    public static final List<String> ALL = List.of(CATALOG, SEAT_MAP, RESERVATIONS);

    private ProjectionNames() {
    }
}
