package io.ticketing.command;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.RawHttp;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers leave in one piece over real HTTP (io.ticketing.infra.web.OneWriteResponseFilter): a refusal, a hold, a
 * waiting-room entry and a security refusal each carry a Content-Length and no chunked body, and their problem+json
 * or JSON bodies are what the contract says (the refusal still lists the seat ids).
 */
@CommandSideTest
class OneWriteAnswersApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private RawHttp.Answer hold(String user, String schedule, String admission, String seat) throws Exception {
        byte[] body = ("{\"seatIds\":[\"" + seat + "\"]}").getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(port, """
                POST /api/schedules/%s/holds HTTP/1.1
                Host: localhost
                Authorization: Bearer %s
                X-Admission-Token: %s
                Content-Type: application/json
                Content-Length: %d
                """.formatted(schedule, TestJwts.user(user), admission, body.length), out -> out.write(body), TIMEOUT);
    }

    private static void assertSentWhole(RawHttp.Answer answer) {
        assertThat(answer.header("Transfer-Encoding")).as("chunked?").isNull();
        assertThat(answer.header("Content-Length")).as("length").isNotNull();
        assertThat(Integer.parseInt(answer.header("Content-Length")))
                .isEqualTo(answer.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void aRefusalAHoldAnEntryAndAnUnauthenticatedCallAreEachSentWholeWithALength() throws Exception {
        BookingClient client = new BookingClient(port);
        String schedule = client.createSchedule(1, 4, 10_000);

        RawHttp.Answer held = hold("first", schedule, client.admissionToken("first", schedule), "A-1-1");
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertSentWhole(held);
        assertThat(held.json()).containsEntry("status", "HELD").containsEntry("seatIds", List.of("A-1-1"));

        RawHttp.Answer refused = hold("second", schedule, client.admissionToken("second", schedule), "A-1-1");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertSentWhole(refused);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json()).containsEntry("type", "urn:ticketing:seat-unavailable").containsEntry("status", 409)
                .containsEntry("seatIds", List.of("A-1-1"));

        RawHttp.Answer entered = RawHttp.exchange(port, """
                POST /api/queue/%s/entries HTTP/1.1
                Host: localhost
                Authorization: Bearer %s
                Content-Length: 0
                """.formatted(schedule, TestJwts.user("third")), out -> { }, TIMEOUT);
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        assertSentWhole(entered);
        assertThat(entered.json()).containsKey("entryId");

        RawHttp.Answer unauthenticated = RawHttp.exchange(port, """
                POST /api/queue/%s/entries HTTP/1.1
                Host: localhost
                Authorization: Bearer not-a-token
                Content-Length: 0
                """.formatted(schedule), out -> { }, TIMEOUT);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertSentWhole(unauthenticated);
        assertThat(unauthenticated.json()).containsEntry("type", "urn:ticketing:unauthenticated");
    }
}
