package io.ticketing.command.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.CommandSideApplication;
import io.ticketing.testsupport.CommandSideTestInitializer;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away: the waiting room and the gate fail closed (503 with Retry-After, no command passes);
 * Redis comes back: the queue works again. The test runs a Redis of its own on a free port and stops and
 * starts it.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CommandSideApplication.CONFIG_NAME)
@ContextConfiguration(initializers = CommandSideTestInitializer.class)
@ActiveProfiles("test")
class RedisOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = freePort();
    private static final Path DIR = tempDir();

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void redisOnItsOwnPort(DynamicPropertyRegistry registry) {
        startRedis();
        registry.add("spring.data.redis.port", () -> PORT);
    }

    @AfterAll
    static void stopRedis() {
        redisCli("shutdown", "nosave");
    }

    @Test
    void withoutRedisNothingPassesAndWhenItReturnsTheQueueResumes() throws Exception {
        String schedule = schedule();
        String user = TestJwts.user("dave-" + UUID.randomUUID());
        assertThat(call(HttpMethod.POST, "/api/queue/" + schedule + "/entries", user, null, null).getStatusCode().value()).isEqualTo(201);

        redisCli("shutdown", "nosave");
        await().atMost(Duration.ofSeconds(10)).until(() -> !portOpen());
        ResponseEntity<String> enter = call(HttpMethod.POST, "/api/queue/" + schedule + "/entries", user, null, null);
        assertThat(enter.getStatusCode().value()).isEqualTo(503);
        assertThat(enter.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(JSON.readTree(enter.getBody()).get("type").asText()).isEqualTo("urn:ticketing:queue-unavailable");
        // A well-signed token still does not open the gate: whether it holds a slot cannot be checked.
        String token = tokenFor(user, schedule);
        ResponseEntity<String> hold = call(HttpMethod.POST, "/api/schedules/" + schedule + "/holds", user,
                "{\"seatIds\":[\"A-1-1\"]}", token);
        assertThat(hold.getStatusCode().value()).isEqualTo(503);
        assertThat(hold.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(call(HttpMethod.POST, "/api/schedules/" + schedule + "/holds", user, "{\"seatIds\":[\"A-1-1\"]}", null)
                .getStatusCode().value()).as("no token is refused without asking Redis").isEqualTo(403);

        startRedis();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<String> back = call(HttpMethod.POST, "/api/queue/" + schedule + "/entries", user, null, null);
            assertThat(back.getStatusCode().value()).isEqualTo(201);
            assertThat(JSON.readTree(back.getBody()).get("status").asText()).isEqualTo("WAITING");
        });
    }

    private String tokenFor(String bearer, String schedule) throws Exception {
        String sub = JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(bearer.split("\\.")[1]))).get("sub").asText();
        return new io.ticketing.command.admission.application.AdmissionTokens(
                new io.ticketing.command.admission.application.AdmissionProperties("x", Duration.ofMinutes(30),
                        Duration.ofMinutes(2), Duration.ofMinutes(10), 50, 1000, Duration.ofMillis(100),
                        io.ticketing.testsupport.TestEnvironment.ADMISSION_SECRET, 2))
                .issue(sub, schedule, Instant.now().plusSeconds(600));
    }

    private String schedule() throws Exception {
        String body = """
                {"title":"Outage","venue":"Hall",
                 "schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":2}]}"""
                .formatted(Instant.now().plus(30, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.HOURS));
        ResponseEntity<String> created = call(HttpMethod.POST, "/api/admin/concerts", TestJwts.admin(), body, null);
        String schedule = JSON.readTree(created.getBody()).get("scheduleIds").get(0).asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> call(HttpMethod.GET, "/api/admin/schedules/" + schedule + "/queue",
                TestJwts.admin(), null, null).getStatusCode().value() == 200);
        return schedule;
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String bearer, String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(bearer);
        if (token != null) {
            headers.set("X-Admission-Token", token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void startRedis() {
        run("redis-server", "--port", Integer.toString(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "yes", "--dir", DIR.toString(), "--logfile", DIR.resolve("redis.log").toString());
        await().atMost(Duration.ofSeconds(10)).until(RedisOutageTest::portOpen);
    }

    private static void redisCli(String... command) {
        String[] args = new String[command.length + 3];
        args[0] = "redis-cli";
        args[1] = "-p";
        args[2] = Integer.toString(PORT);
        System.arraycopy(command, 0, args, 3, command.length);
        run(args);
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (is Redis installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean portOpen() {
        try (Socket ignored = new Socket("127.0.0.1", PORT)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("redis-outage");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
