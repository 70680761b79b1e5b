package io.ticketing.command;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.RawHttp;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded input over real HTTP: no body larger than {@code ticketing.web.max-request-body} (64 KB) is read, whether it
 * says so up front or arrives chunked, on the unauthenticated webhook as on a hold; concerts and prices stay within
 * bounds that keep one request's cost and every sum finite.
 */
@CommandSideTest
class InputLimitsApiTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    private static byte[] holdBodyWithSeats(int seats) {
        StringBuilder body = new StringBuilder("{\"seatIds\":[");
        for (int i = 0; i < seats; i++) {
            body.append(i == 0 ? "" : ",").append("\"A-1-").append(i + 1).append('"');
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertTooLarge(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json()).containsEntry("type", "urn:ticketing:payload-too-large").containsEntry("status", 413);
        assertThat(answer.took()).as("answered without reading the body").isLessThan(FAST);
    }

    @Test
    void anOversizedWebhookBodyIsRefusedUnreadWith413() throws Exception {
        // Claims 50 MB and sends the first 16 KB: the declared length alone decides, nothing is read.
        byte[] start = new byte[16 * 1024];
        RawHttp.Answer declared = RawHttp.exchange(port, """
                POST /api/payments/webhook HTTP/1.1
                Host: localhost
                Content-Type: application/json
                X-Signature: sha256=00
                Content-Length: 50000000
                """, out -> out.write(start), Duration.ofSeconds(30));
        assertTooLarge(declared);
        assertThat(declared.header("Connection")).isEqualTo("close");

        // No length at all: 256 KB in chunks and no end; cut off once past 64 KB.
        RawHttp.Answer chunked = RawHttp.exchange(port, """
                POST /api/payments/webhook HTTP/1.1
                Host: localhost
                Content-Type: application/json
                X-Signature: sha256=00
                Transfer-Encoding: chunked
                """, RawHttp.chunked(new byte[256 * 1024]), Duration.ofSeconds(30));
        assertTooLarge(chunked);
    }

    @Test
    void anOversizedHoldIsRefusedWith413BeforeItsSeatIdsAreParsed() throws Exception {
        BookingClient client = new BookingClient(port);
        String schedule = client.createSchedule(1, 4, 10_000);
        String admission = client.admissionToken("hoarder", schedule);
        byte[] body = holdBodyWithSeats(100_000);
        assertThat(body.length).isGreaterThan(1_000_000);
        String head = """
                POST /api/schedules/%s/holds HTTP/1.1
                Host: localhost
                Authorization: Bearer %s
                X-Admission-Token: %s
                Content-Type: application/json
                """.formatted(schedule, TestJwts.user("hoarder"), admission);

        assertTooLarge(RawHttp.exchange(port, head + "Content-Length: " + body.length + "\n", out -> out.write(body),
                Duration.ofSeconds(30)));
        assertTooLarge(RawHttp.exchange(port, head + "Transfer-Encoding: chunked\n", RawHttp.chunked(body),
                Duration.ofSeconds(30)));

        // A body within the limit is still read and judged as before: too many seats is a 400, four are held.
        assertThat(client.hold("hoarder", schedule, List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5")).status()).isEqualTo(400);
        assertThat(client.hold("hoarder", schedule, List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4")).status()).isEqualTo(201);
    }

    @Test
    void aConcertOverTheSeatCapIsA400AndCreatesNothing() {
        BookingClient client = new BookingClient(port);
        Instant now = Instant.now();
        String schedule = "{\"startsAt\":\"%s\",\"salesOpenAt\":\"%s\"}".formatted(now.plus(Duration.ofDays(30)), now);
        // 3 schedules x 50,000 seats (each schedule within its own cap) = 150,000 seats > 100,000 per concert.
        String body = """
                {"title":"Stadium","venue":"Field",
                 "schedules":[%s,%s,%s],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":500,"seatsPerRow":100}]}
                """.formatted(schedule, schedule, schedule);
        BookingClient.Answer refused = client.send("POST", "/api/admin/concerts", TestJwts.admin(), body, Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.type()).isEqualTo("urn:ticketing:invalid-request");
        assertThat(refused.body()).containsEntry("maxSeatsPerConcert", 100_000).containsEntry("seats", 150_000)
                .containsKey("errors");
    }

    @Test
    void absurdPricesAre400sAndTheHighestPriceNeverOverflowsATotal() {
        BookingClient client = new BookingClient(port);
        for (long price : new long[]{Long.MAX_VALUE, Long.MAX_VALUE / 2, 1_000_000_000_001L, 0, -1}) {
            BookingClient.Answer refused = client.createConcert(1, 4, price);
            assertThat(refused.status()).as("price " + price).isEqualTo(400);
            assertThat(refused.type()).isEqualTo("urn:ticketing:invalid-request");
            assertThat(refused.text()).contains("price");
        }
        String schedule = client.createSchedule(1, 4, 1_000_000_000_000L);
        BookingClient.Answer held = client.hold("whale", schedule, List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4"));
        assertThat(held.status()).as(held.text()).isEqualTo(201);
        assertThat(((Number) held.body().get("totalPrice")).longValue()).isEqualTo(4_000_000_000_000L);
    }

    @Test
    void deeplyNestedJsonIsRefusedAsMalformed() {
        BookingClient client = new BookingClient(port);
        Instant now = Instant.now();
        // A valid concert carrying an unknown member nested 100 deep: Jackson's own default (1,000) would parse it.
        String nested = "[".repeat(100) + "]".repeat(100);
        String body = """
                {"title":"Deep","venue":"Hall","extra":%s,
                 "schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":1}]}
                """.formatted(nested, now.plus(Duration.ofDays(30)), now);
        BookingClient.Answer refused = client.send("POST", "/api/admin/concerts", TestJwts.admin(), body, Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.type()).isEqualTo("urn:ticketing:malformed-request");
    }
}
