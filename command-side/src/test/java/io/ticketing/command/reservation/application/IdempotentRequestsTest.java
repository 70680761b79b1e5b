package io.ticketing.command.reservation.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.infra.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lease of an in-progress Idempotency-Key against the real event-store database, with a short lease: a first
 * attempt that outlives it is taken over by a retry, and when the slow first attempt finally ends — answered or
 * failed — it neither overwrites nor removes what the retry wrote; an attempt that fails unexpectedly removes its marker.
 */
@CommandSideTest
class IdempotentRequestsTest {
    private static final Duration LEASE = Duration.ofMillis(500);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    record Answer(String by) {
    }

    private IdempotentRequests requests() {
        return new IdempotentRequests(jdbc, json, Clock.systemUTC(), new BookingProperties(Duration.ofMinutes(5), 4, 1, Duration.ofHours(24), LEASE));
    }

    @Test
    void aSlowFirstAttemptIsTakenOverAfterTheLeaseAndCannotOverwriteItsSuccessor() throws Exception {
        assertSupersededAttemptLeavesTheRetrysAnswer(() -> new Answer("first"));
    }

    @Test
    void aSlowFirstAttemptThatFailsAfterTheTakeoverDoesNotRemoveItsSuccessorsAnswer() throws Exception {
        assertSupersededAttemptLeavesTheRetrysAnswer(() -> {
            throw new IllegalStateException("the first attempt fails late");
        });
    }

    @Test
    void aFirstAttemptThatFailsUnexpectedlyLeavesNoMarkerBehind() {
        IdempotentRequests requests = requests();
        UserId alice = new UserId("user-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();

        // any unexpected failure, not only a RuntimeException: the request was not answered
        assertThatThrownBy(() -> requests.once(alice, key, "hold:s", List.of("A-1-1"), Answer.class, () -> {
            throw new Error("unexpected");
        })).hasMessage("unexpected");

        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where user_id = ?", Long.class, alice.value()))
                .isZero();
        assertThat(requests.once(alice, key, "hold:s", List.of("A-1-1"), Answer.class, () -> new Answer("retry")))
                .isEqualTo(new Answer("retry"));
    }

    private void assertSupersededAttemptLeavesTheRetrysAnswer(java.util.function.Supplier<Answer> firstEnds) throws Exception {
        IdempotentRequests requests = requests();
        UserId alice = new UserId("user-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        List<String> seats = List.of("A-1-1");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> requests.once(alice, key, "hold:s", seats, Answer.class, () -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return firstEnds.get();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // (within the lease a retry is told the first is still running: BookingApiTest) after it, a retry takes the key over
        AtomicReference<Answer> retried = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreException(ProblemException.class)
                .untilAsserted(() -> retried.set(requests.once(alice, key, "hold:s", seats, Answer.class, () -> new Answer("retry"))));
        assertThat(retried.get()).isEqualTo(new Answer("retry"));

        release.countDown();
        first.handle((answer, failure) -> null).get(30, TimeUnit.SECONDS);

        assertThat(requests.once(alice, key, "hold:s", seats, Answer.class, () -> new Answer("again")))
                .as("the retry's answer is the key's answer").isEqualTo(new Answer("retry"));
        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where user_id = ?", Long.class, alice.value()))
                .isEqualTo(1);
    }
}
