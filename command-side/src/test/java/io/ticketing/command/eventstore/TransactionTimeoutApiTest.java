package io.ticketing.command.eventstore;

import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a command whose transaction outlasts the limit (here 1 ns, so every one does) stores nothing
 * and is answered 503 problem+json with Retry-After, not 500.
 */
@CommandSideTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "ticketing.eventstore.transaction-timeout=1ns")
class TransactionTimeoutApiTest {
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommandPastTheTransactionLimitIsA503AndStoresNothing() {
        String title = "Too slow " + System.nanoTime();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestJwts.admin());
        ResponseEntity<Map> response = http.exchange("/api/admin/concerts", HttpMethod.POST, new HttpEntity<>("""
                {"title":"%s","venue":"Hall",
                 "schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":2}]}
                """.formatted(title), headers), Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getBody()).containsEntry("type", "urn:ticketing:write-timeout");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload like ?", Long.class,
                "%" + title + "%")).isZero();
    }
}
