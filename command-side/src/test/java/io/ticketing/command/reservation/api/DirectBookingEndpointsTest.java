package io.ticketing.command.reservation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.CommandSideApplication;
import io.ticketing.command.support.IsolatedCommandSide;
import io.ticketing.command.support.RawHttp;
import io.ticketing.testsupport.TestJwts;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DirectBookingFilter}'s own promises, over real HTTP against two command sides of their own: one with the
 * direct endpoints (the default), one with {@code ticketing.booking.direct-endpoints=false} (the full path: Spring
 * Security, the interceptors, MVC). Both run with two Tomcat request threads and {@link DirectPathProbe}, which shows
 * which requests went on past the filter and can hold the booking writer back.
 * <ol>
 *   <li>Every request of a hold's and a release's life gets the same answer on both: status, body (ids and instants
 *   normalised), Content-Type, Spring Security's headers, one write with a Content-Length, the caller's
 *   X-Request-Id; the direct side answered exactly those the filter promises to answer itself (the others went on
 *   down the chain), and its {@code http.server.requests} timer names the routes. Keyed holds take the full path.</li>
 *   <li>No request thread waits for the writer: with the writer held back, more holds than request threads are all
 *   pending at once, and a health check is still answered at once; released, every hold is 201 and every seat held
 *   once.</li>
 * </ol>
 * {@code -Dticketing.test.direct-endpoints=false} runs the "direct" side with the filter off as well: both tests must
 * then fail (the requests reached the chain; only two holds got a thread and the health check waited). The comparison
 * runs first: it counts the direct side's timers, which the second test's holds add to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectBookingEndpointsTest {
    /** Set to false to see both tests fail against the full path (a manual check, see the class comment). */
    static final String VARIANT = "ticketing.test.direct-endpoints";
    private static final int REQUEST_THREADS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    /** A waiting-room entry's id, admission token, place and estimate are the waiting room's, not the path's. */
    private static final Pattern ENTRY_VALUES = Pattern.compile("\"(entryId|admissionToken|etaSeconds|position)\":(\"[^\"]*\"|\\d+)");
    private static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-XSS-Protection",
            "Cache-Control", "Pragma", "Expires", "X-Frame-Options");
    /** Compared when either side sends them (Tomcat closes the connection after some statuses). */
    private static final List<String> CONNECTION_HEADERS = List.of("Connection", "Keep-Alive");
    /** Of the moment, not of the answer. */
    private static final Set<String> UNCOMPARED = Set.of("date");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ALICE = "alice-" + RUN;
    private static final String BOB = "bob-" + RUN;
    private static final String CAROL = "carol-" + RUN;
    private static final String DAVE = "dave-" + RUN;
    private static final String UNKNOWN_SCHEDULE = UUID.randomUUID().toString();
    private static final String UNKNOWN_RESERVATION = UUID.randomUUID().toString();
    private static final String KEY = UUID.randomUUID().toString();

    private static ConfigurableApplicationContext directSide;
    private static ConfigurableApplicationContext fullSide;

    @BeforeAll
    static void start() {
        directSide = start("direct_on", settings(System.getProperty(VARIANT, "true")));
        fullSide = start("direct_off", settings("false"));
    }

    /** A command side of its own (database, topic) as {@link IsolatedCommandSide} makes it, with the probe in it. */
    private static ConfigurableApplicationContext start(String purpose, Map<String, Object> settings) {
        return CommandSideApplication.builder().initializers(new DirectPathProbe())
                .run(IsolatedCommandSide.prepare(purpose, settings).arguments().toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext side) {
        return Integer.parseInt(side.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (fullSide != null) {
            fullSide.close();
        }
        if (directSide != null) {
            directSide.close();
        }
    }

    private static Map<String, Object> settings(String directEndpoints) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("ticketing.booking.direct-endpoints", directEndpoints);
        settings.put("server.tomcat.threads.max", Integer.toString(REQUEST_THREADS));
        settings.put("server.tomcat.threads.min-spare", "1");
        return settings;
    }

    /** One request as written on the wire (the X-Request-Id is added per side). */
    private record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /**
     * A request of the comparison, what the direct side must do with it, and its status on both sides;
     * {@code fullPathSendsWhole} false where the full path itself answers without a Content-Length (see the case).
     */
    private record Case(String name, boolean answeredDirectly, int status, Function<Side, Request> request,
                        boolean fullPathSendsWhole) {
        Case(String name, boolean answeredDirectly, int status, Function<Side, Request> request) {
            this(name, answeredDirectly, status, request, true);
        }
    }

    /** One command side of the comparison, with the ids its answers carry (normalised away before comparing). */
    private static final class Side {
        final String name;
        final ConfigurableApplicationContext app;
        final BookingClient client;
        final String schedule;
        final Map<String, String> ids = new LinkedHashMap<>();
        String reservation;
        int sent;

        Side(String name, ConfigurableApplicationContext app) {
            this.name = name;
            this.app = app;
            this.client = new BookingClient(port(app));
            this.schedule = client.createSchedule(1, 4, 10_000);
            ids.put(schedule, "{schedule}");
            // Both users admitted before the comparison starts (the queue is not under test).
            client.admissionToken(ALICE, schedule);
            client.admissionToken(BOB, schedule);
        }

        Map<String, String> user(String user) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + TestJwts.user(user));
            return headers;
        }

        Map<String, String> admitted(String user) {
            Map<String, String> headers = user(user);
            headers.put("X-Admission-Token", client.admissionToken(user, schedule));
            return headers;
        }

        Request hold(Map<String, String> headers, String body) {
            return new Request("POST", "/api/schedules/" + schedule + "/holds", headers, body);
        }

        Request entry(Map<String, String> headers) {
            return new Request("POST", "/api/queue/" + schedule + "/entries", headers, null);
        }

        Request release(String user, String reservationId) {
            return new Request("DELETE", "/api/reservations/" + reservationId, user(user), null);
        }

        /** Sends it with an X-Request-Id of its own; returns the id and the answer. */
        Exchanged send(Case c) throws IOException {
            Request request = c.request().apply(this);
            String requestId = name + "-" + RUN + "-" + (++sent);
            StringBuilder head = new StringBuilder(request.method() + " " + request.path() + " HTTP/1.1\nHost: localhost\n");
            head.append("X-Request-Id: ").append(requestId).append('\n');
            request.headers().forEach((header, value) -> head.append(header).append(": ").append(value).append('\n'));
            byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
            boolean chunked = "chunked".equals(request.headers().get("Transfer-Encoding"));
            if (request.body() != null) {
                head.append("Content-Type: application/json\n");
                if (!chunked) {
                    head.append("Content-Length: ").append(body.length).append('\n');
                }
            }
            RawHttp.Answer answer = RawHttp.exchange(port(app), head.toString(),
                    chunked ? RawHttp.chunked(body) : out -> out.write(body), TIMEOUT);
            return new Exchanged(requestId, answer);
        }

        /** A hold's reservation id is normalised away from here on; the first one is the one the releases name. */
        void held(Case c, RawHttp.Answer answer) {
            if (answer.status() == 201 && answer.body().startsWith("{")
                    && answer.json().get("reservationId") instanceof String id) {
                reservation = reservation == null ? id : reservation;
                ids.putIfAbsent(id, "{reservation of " + c.name() + "}");
            }
        }

        /** The body with this side's ids and every instant replaced by placeholders, as a JSON tree (or text). */
        Object normalised(String body) throws IOException {
            String text = body;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                text = text.replace(id.getKey(), id.getValue());
            }
            text = INSTANT.matcher(text).replaceAll("<instant>");
            text = ENTRY_VALUES.matcher(text).replaceAll("\"$1\":\"<$1>\"");
            return text.startsWith("{") ? JSON.readTree(text) : text;
        }
    }

    private record Exchanged(String requestId, RawHttp.Answer answer) {
    }

    private static final List<Case> CASES = List.of(
            new Case("hold", true, 201, s -> s.hold(s.admitted(ALICE), "{\"seatIds\":[\"A-1-1\"]}")),
            new Case("hold of a held seat", true, 409, s -> s.hold(s.admitted(BOB), "{\"seatIds\":[\"A-1-1\"]}")),
            new Case("invalid seat id", true, 400, s -> s.hold(s.admitted(BOB), "{\"seatIds\":[\"not-a-seat\"]}")),
            new Case("unknown seat", true, 404, s -> s.hold(s.admitted(BOB), "{\"seatIds\":[\"Z-9-9\"]}")),
            new Case("{} body", true, 400, s -> s.hold(s.admitted(BOB), "{}")),
            // Over ticketing.web.max-request-body (64 KB), chunked, so that only reading it finds out: 413, Connection: close.
            // The full path flushes its answer (no Content-Length: the body ends with the connection) and Tomcat then
            // appends Boot's error page to it (RefusedBodyValve marks the exchange as an error); the direct path's is
            // sent whole, with a length, so only the client's reading of the full path's first JSON object is compared.
            new Case("oversized chunked body", true, 413, s -> {
                Map<String, String> headers = s.admitted(BOB);
                headers.put("Transfer-Encoding", "chunked");
                return s.hold(headers, "{\"seatIds\":[" + "\"A-1-2\",".repeat(10_000) + "\"A-1-3\"]}");
            }, false),
            new Case("malformed JSON", false, 400, s -> s.hold(s.admitted(BOB), "{\"seatIds\":")),
            new Case("wrong admission token", true, 403, s -> {
                Map<String, String> headers = s.user(BOB);
                headers.put("X-Admission-Token", "not-an-admission-token");
                return s.hold(headers, "{\"seatIds\":[\"A-1-2\"]}");
            }),
            new Case("no admission token", true, 403, s -> s.hold(s.user(BOB), "{\"seatIds\":[\"A-1-2\"]}")),
            new Case("anonymous", false, 401, s -> s.hold(new LinkedHashMap<>(), "{\"seatIds\":[\"A-1-2\"]}")),
            new Case("garbage bearer token", false, 401, s -> s.hold(
                    new LinkedHashMap<>(Map.of("Authorization", "Bearer not-a-jwt")), "{\"seatIds\":[\"A-1-2\"]}")),
            new Case("hold on an unknown schedule", true, 403, s -> new Request("POST",
                    "/api/schedules/" + UNKNOWN_SCHEDULE + "/holds", s.admitted(BOB), "{\"seatIds\":[\"A-1-2\"]}")),
            new Case("release by another user", true, 404, s -> s.release(BOB, s.reservation)),
            new Case("release", true, 202, s -> s.release(ALICE, s.reservation)),
            new Case("second release", true, 409, s -> s.release(ALICE, s.reservation)),
            new Case("release of an unknown reservation", true, 404, s -> s.release(ALICE, UNKNOWN_RESERVATION)));

    /**
     * Waiting-room entries ({@code DirectEntryFilter}), and holds with an Accept header: the fan page's
     * (JSON and problem+json) is answered directly, a narrower or other preference is left to MVC's negotiation.
     */
    private static final String FAN_ACCEPT = "application/json, application/problem+json";
    private static final List<Case> ENTRIES_AND_ACCEPT = List.of(
            new Case("entry", true, 201, s -> s.entry(s.user(CAROL))),
            new Case("entry of an unknown schedule", true, 404, s -> new Request("POST",
                    "/api/queue/" + UNKNOWN_SCHEDULE + "/entries", s.user(CAROL), null)),
            new Case("anonymous entry", false, 401, s -> s.entry(new LinkedHashMap<>())),
            new Case("entry accepting text/plain", false, 406, s -> s.entry(accepting(s.user(DAVE), "text/plain"))),
            new Case("hold with the fan page's Accept", true, 201,
                    s -> s.hold(accepting(s.admitted(ALICE), FAN_ACCEPT), "{\"seatIds\":[\"A-1-4\"]}")),
            new Case("refused hold with the fan page's Accept", true, 409,
                    s -> s.hold(accepting(s.admitted(BOB), FAN_ACCEPT), "{\"seatIds\":[\"A-1-4\"]}")),
            new Case("refused hold accepting application/json only", false, 409,
                    s -> s.hold(accepting(s.admitted(BOB), "application/json"), "{\"seatIds\":[\"A-1-4\"]}")));

    private static Map<String, String> accepting(Map<String, String> headers, String accept) {
        headers.put("Accept", accept);
        return headers;
    }

    /** Idempotency-Key requests keep the full path, the retry gets the first answer. */
    private static final List<Case> KEYED = List.of(
            new Case("keyed hold", false, 201, s -> s.hold(withKey(s.admitted(BOB)), "{\"seatIds\":[\"A-1-3\"]}")),
            new Case("keyed hold retried", false, 201, s -> s.hold(withKey(s.admitted(BOB)), "{\"seatIds\":[\"A-1-3\"]}")));

    private static Map<String, String> withKey(Map<String, String> headers) {
        headers.put("Idempotency-Key", KEY);
        return headers;
    }

    @Test
    @Order(1)
    void everyRequestOfAHoldAndAReleaseIsAnsweredAsTheFullPathAnswersIt() throws Exception {
        Side direct = new Side("direct", directSide);
        Side full = new Side("full", fullSide);
        SoftAssertions softly = new SoftAssertions();

        for (Case c : CASES) {
            compare(softly, c, direct, full);
        }
        // The timer of every answer carries its route, as MVC's mapping would have set it.
        MeterRegistry meters = directSide.getBean(MeterRegistry.class);
        try {
            await("http.server.requests of the direct answers, with their routes").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                        assertThat(requests(meters, "POST", DirectBookingFilter.HOLD_ROUTE, "201")).isEqualTo(1);
                        assertThat(requests(meters, "POST", DirectBookingFilter.HOLD_ROUTE, "409")).isEqualTo(1);
                        assertThat(requests(meters, "POST", DirectBookingFilter.HOLD_ROUTE, "403")).isEqualTo(3);
                        assertThat(requests(meters, "DELETE", DirectBookingFilter.CANCEL_ROUTE, "202")).isEqualTo(1);
                        assertThat(requests(meters, "DELETE", DirectBookingFilter.CANCEL_ROUTE, "404")).isEqualTo(2);
                    });
        } catch (ConditionTimeoutException missing) {
            softly.fail(missing.getMessage() + "; POST timers: " + meters.find("http.server.requests").tag("method", "POST")
                    .timers().stream().map(t -> t.getId().getTag("uri") + " " + t.getId().getTag("status") + " x" + t.count())
                    .toList());
        }

        for (Case c : ENTRIES_AND_ACCEPT) {
            compare(softly, c, direct, full);
        }
        List<RawHttp.Answer> keyed = new ArrayList<>();
        for (Case c : KEYED) {
            keyed.add(compare(softly, c, direct, full));
        }
        softly.assertThat(keyed.get(1).body()).as("the keyed retry gets the first answer").isEqualTo(keyed.get(0).body());
        String keyedReservation = (String) keyed.get(0).json().get("reservationId");
        softly.assertThat(EventHistory.of(directSide.getBean(EventStore.class), ReservationHeld.class))
                .filteredOn(held -> held.reservationId().value().equals(keyedReservation))
                .as("the keyed hold is stored once").hasSize(1);
        softly.assertAll();
    }

    /** Sends the case to both sides and compares; returns the direct side's answer. */
    private static RawHttp.Answer compare(SoftAssertions softly, Case c, Side direct, Side full) throws IOException {
        Exchanged onDirect = direct.send(c);
        Exchanged onFull = full.send(c);
        RawHttp.Answer d = onDirect.answer();
        RawHttp.Answer f = onFull.answer();
        direct.held(c, d);
        full.held(c, f);
        String what = c.name() + " — direct: " + d + "\n full: " + f;
        softly.assertThat(d.status()).as("status, " + what).isEqualTo(c.status());
        softly.assertThat(f.status()).as("status on the full path, " + what).isEqualTo(c.status());
        softly.assertThat(direct.normalised(d.body())).as("body, " + what).isEqualTo(full.normalised(f.body()));
        softly.assertThat(d.header("Content-Type")).as("Content-Type, " + what).isEqualTo(f.header("Content-Type"));
        for (String header : SECURITY_HEADERS) {
            softly.assertThat(d.header(header)).as(header + ", " + what).isNotNull().isEqualTo(f.header(header));
        }
        for (String header : CONNECTION_HEADERS) {
            softly.assertThat(d.header(header)).as(header + ", " + what).isEqualTo(f.header(header));
        }
        Set<String> directNames = headerNames(d);
        Set<String> fullNames = headerNames(f);
        if (!c.fullPathSendsWhole()) {
            directNames.remove("content-length");
        }
        softly.assertThat(directNames).as("header names, " + what).isEqualTo(fullNames);
        for (Exchanged side : c.fullPathSendsWhole() ? List.of(onDirect, onFull) : List.of(onDirect)) {
            RawHttp.Answer answer = side.answer();
            softly.assertThat(answer.header("Transfer-Encoding")).as("chunked? " + what).isNull();
            softly.assertThat(answer.header("Content-Length")).as("Content-Length, " + what).isNotNull();
            if (answer.header("Content-Length") != null) {
                softly.assertThat(Integer.parseInt(answer.header("Content-Length"))).as("Content-Length, " + what)
                        .isEqualTo(answer.body().getBytes(StandardCharsets.UTF_8).length);
            }
            softly.assertThat(answer.header("X-Request-Id")).as("X-Request-Id echoed, " + what).isEqualTo(side.requestId());
        }
        softly.assertThat(DirectPathProbe.reachedTheChain(onDirect.requestId()))
                .as("went on past the direct filter, " + c.name()).isEqualTo(!c.answeredDirectly());
        softly.assertThat(DirectPathProbe.reachedTheChain(onFull.requestId())).as("the full path, " + c.name()).isTrue();
        return d;
    }

    private static Set<String> headerNames(RawHttp.Answer answer) {
        return answer.headers().keySet().stream().filter(name -> !UNCOMPARED.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long requests(MeterRegistry meters, String method, String uri, String status) {
        return meters.find("http.server.requests").tag("method", method).tag("uri", uri).tag("status", status)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    @Order(2)
    void noRequestThreadWaitsForTheWriter() throws Exception {
        int holds = 3 * REQUEST_THREADS;
        BookingClient client = new BookingClient(port(directSide));
        String schedule = client.createSchedule(1, holds, 10_000);
        List<String> users = IntStream.range(0, holds).mapToObj(i -> "waiting-" + i + "-" + RUN).toList();
        users.forEach(user -> client.admissionToken(user, schedule));
        ExecutorService callers = Executors.newFixedThreadPool(holds);
        HttpClient health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        SoftAssertions softly = new SoftAssertions();
        List<CompletableFuture<BookingClient.Answer>> answers = new ArrayList<>();
        DirectPathProbe.holdBack(schedule);
        try {
            for (int i = 0; i < holds; i++) {
                String user = users.get(i);
                String seat = "A-1-" + (i + 1);
                answers.add(CompletableFuture.supplyAsync(() -> client.hold(user, schedule, List.of(seat)), callers));
            }
            await("the writer holds the first hold back").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> DirectPathProbe.waitingWriters(schedule) == 1);
            try {
                await("all " + holds + " holds sent to the writer").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20)).until(() -> DirectPathProbe.dispatchedHolds(schedule) == holds);
            } catch (ConditionTimeoutException parked) {
                softly.fail("only " + DirectPathProbe.dispatchedHolds(schedule) + " of " + holds
                        + " holds reached the command bus within 10 s: the others found no request thread");
            }
            softly.assertThat(answers).as("no hold is answered while the writer is held back").noneMatch(CompletableFuture::isDone);

            long start = System.nanoTime();
            try {
                HttpResponse<String> up = health.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port(directSide) + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                softly.assertThat(up.statusCode()).as("health, while every hold waits: %s", up.body()).isEqualTo(200);
                System.out.printf("DirectBookingEndpointsTest: health answered in %d ms with %d holds pending%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), holds);
            } catch (HttpTimeoutException waited) {
                softly.fail("GET /actuator/health was not answered within 5 s while " + holds
                        + " holds waited for the writer: every request thread is parked");
            }
            softly.assertThat(answers).as("still none answered").noneMatch(CompletableFuture::isDone);
        } finally {
            DirectPathProbe.release(schedule);
        }
        List<String> reservations = new ArrayList<>();
        for (CompletableFuture<BookingClient.Answer> answer : answers) {
            BookingClient.Answer held = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            softly.assertThat(held.status()).as(held.toString()).isEqualTo(201);
            reservations.add(held.string("reservationId"));
        }
        callers.shutdown();

        List<Object> history = EventHistory.payloads(directSide.getBean(EventStore.class));
        Map<String, Long> seatsHeld = history.stream().filter(SeatHeld.class::isInstance).map(SeatHeld.class::cast)
                .filter(held -> held.seatId().scheduleId().value().equals(schedule))
                .collect(Collectors.groupingBy(held -> held.seatId().label(), Collectors.counting()));
        softly.assertThat(seatsHeld).as("every seat held exactly once")
                .isEqualTo(IntStream.rangeClosed(1, holds).boxed()
                        .collect(Collectors.toMap(i -> "A-1-" + i, i -> 1L)));
        softly.assertThat(history.stream().filter(ReservationHeld.class::isInstance).map(ReservationHeld.class::cast)
                        .filter(held -> held.scheduleId().value().equals(schedule)).map(held -> held.reservationId().value()))
                .as("every 201 is one stored reservation").containsExactlyInAnyOrderElementsOf(reservations);
        softly.assertAll();
    }
}
