package io.ticketing.query.fanpage;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketing.query.support.Chromium;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan's page (command side, {@code /}) in a real headless Chromium against the real apps: the command side
 * serves the page and takes the commands, the page reads seat maps and reservations from the query side on
 * another origin (CORS), events travel through the embedded Kafka. Every wait is on a DOM condition with a deadline.
 */
class FanPageBrowserTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "fan-page-seat-map.png");
    private static RunningApps apps;
    private static String schedule;

    @BeforeAll
    static void start() {
        Map<String, Object> command = new HashMap<>(Map.of("spring.profiles.active", "test,local"));
        // The page's origin is the command side's 127.0.0.1:<random port>.
        Map<String, Object> query = new HashMap<>(Map.of("ticketing.cors.allowed-origin-patterns", "http://127.0.0.1:[*]"));
        apps = new RunningApps(command, query);
        // The query side first: the command side tells the page where it is (ticketing.fan-page.query-url).
        apps.startQuerySide();
        command.put("ticketing.fan-page.query-url", apps.queryUrl());
        apps.startCommandSide();

        Instant now = Instant.now();
        String concert = """
                {"title":"Browser Night %s","venue":"Glass Hall",
                 "schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"VIP","price":150000,"currency":"KRW","rows":1,"seatsPerRow":4},
                             {"name":"B","grade":"R","price":80000,"currency":"KRW","rows":2,"seatsPerRow":5}]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), now.plus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)));
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), concert);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        schedule = created.body().get("scheduleIds").get(0).asText();
        await().atMost(DEADLINE).until(() -> Http.get(apps.queryUrl() + "/api/concerts", TestJwts.user("viewer")).raw().contains(schedule)
                && Http.get(apps.queryUrl() + "/api/schedules/" + schedule + "/seats", TestJwts.user("viewer")).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    /** Two fans in two browsers click "Hold" on the same seat at the same instant: one holds it, the other sees it taken. */
    @Test
    void twoFansRaceForOneSeatOneGetsItTheOtherSeesItTaken() throws Exception {
        sellThroughTheApi(fanName("early-bird"), "B-2-1", "B-2-2");
        ChromeDriver[] fans = startBrowsers(2, 1024, 1180);
        try {
            String[] names = {fanName("fan-a"), fanName("fan-b")};
            // Both reach the seat map and pick A-1-1 (in parallel: each browser is its own process).
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> signInAndReachSeatMap(fans[0], names[0])),
                    CompletableFuture.runAsync(() -> signInAndReachSeatMap(fans[1], names[1]))).get();
            for (ChromeDriver fan : fans) {
                seat(fan, "A-1-1").click();
                waitFor(fan, d -> "true".equals(seat(d, "A-1-1").getAttribute("aria-pressed")));
                waitFor(fan, d -> d.findElement(By.id("hold-button")).isEnabled());
            }
            // Both pages click at the same wall-clock instant (one machine, one clock), whatever Selenium's latency.
            long at = System.currentTimeMillis() + 1500;
            for (ChromeDriver fan : fans) {
                fan.executeScript("setTimeout(() => document.getElementById('hold-button').click(), arguments[0] - Date.now())", at);
            }
            for (ChromeDriver fan : fans) {
                waitFor(fan, d -> d.findElement(By.id("hold")).isDisplayed() || d.findElement(By.id("error")).isDisplayed());
            }
            List<ChromeDriver> winners = new ArrayList<>();
            List<ChromeDriver> losers = new ArrayList<>();
            for (ChromeDriver fan : fans) {
                (fan.findElement(By.id("hold")).isDisplayed() ? winners : losers).add(fan);
            }
            assertThat(winners).as("exactly one fan holds the seat").hasSize(1);
            assertThat(losers).hasSize(1);
            ChromeDriver winner = winners.get(0);
            ChromeDriver loser = losers.get(0);

            assertThat(text(winner, "reservation-status")).isEqualTo("HELD");
            assertThat(text(winner, "hold-summary")).contains("A-1-1");
            assertThat(text(winner, "countdown")).matches("[0-5]:\\d\\d left to pay");
            assertThat(seat(winner, "A-1-1").getAttribute("aria-label")).contains("yours");

            // The loser sees the problem's title and the 409's seat ids, and the seat marked taken without colour.
            assertThat(text(loser, "error-title")).isEqualTo("Seat unavailable");
            assertThat(loser.findElement(By.id("error")).getAttribute("data-type")).isEqualTo("urn:ticketing:seat-unavailable");
            assertThat(text(loser, "error-seat-ids")).isEqualTo("A-1-1");
            assertThat(loser.findElement(By.id("error")).getText()).doesNotContain("{", "urn:", "Exception");
            // Marked at once from the 409, but a seat-map poll answered before the projection saw the hold may show it
            // free for one poll: wait (with the deadline) for the held mark, then check it as before.
            waitFor(loser, d -> seat(d, "A-1-1").getAttribute("aria-label").contains("held"));
            WebElement taken = seat(loser, "A-1-1");
            assertThat(taken.getAttribute("aria-label")).contains("held");
            assertThat(taken.getAttribute("aria-disabled")).isEqualTo("true");
            assertThat(taken.getText()).contains("H");
            // ... and the live map, polled from the query side, agrees: one held seat, the two sold ones.
            waitFor(loser, d -> text(d, "seat-counts").equals("11 available · 1 held · 2 sold"));
            assertThat(seat(loser, "B-2-1").getAttribute("aria-label")).contains("sold");
            assertThat(seat(loser, "B-2-1").getText()).contains("✕");
            screenshot(loser);

            // The winner lets go from "My reservations": the loser's map shows the seat available again.
            WebElement release = waitFor(winner, d -> d.findElements(By.cssSelector("#my-reservations li[data-status='HELD'] button.cancel"))
                    .stream().findFirst().orElse(null));
            release.click();
            waitFor(winner, d -> !d.findElements(By.cssSelector("#my-reservations li[data-status='EXPIRED'],"
                    + " #my-reservations li[data-status='CANCELLED']")).isEmpty());
            waitFor(loser, d -> seat(d, "A-1-1").getAttribute("aria-label").contains("available"));
        } finally {
            quit(fans);
        }
    }

    /** The page reads the query side from the command side's origin: CORS lets that origin in, and no other. */
    @Test
    void theQuerySideLetsThePagesOriginReadItsApiAndNoOther() {
        String seats = apps.queryUrl() + "/api/schedules/" + schedule + "/seats";
        java.net.http.HttpResponse<String> preflight = preflight(seats, apps.commandUrl());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(apps.commandUrl());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        java.net.http.HttpResponse<String> foreign = preflight(seats, "http://elsewhere.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static java.net.http.HttpResponse<String> preflight(String url, String origin) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization").timeout(Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One fan on a phone-sized screen, by keyboard: waiting room → seats → hold → pay → CONFIRMED → cancel and refund. */
    @Test
    void oneFanGoesFromTheWaitingRoomToConfirmedAndBackToARefund() throws Exception {
        ChromeDriver fan = startBrowsers(1, 390, 844)[0];
        try {
            // The waiting room's first poll meets a 503 with Retry-After (what the command side answers while Redis is
            // out; here answered inside the page, so the machine's Redis stays up), and the poll after it is held back
            // until the test has seen the reconnect notice: then the real waiting room admits the fan.
            signInAndReachSeatMap(fan, fanName("fan-c"), () -> fan.executeScript(ONE_OUTAGE), () -> {
                WebElement notice = waitFor(fan, d -> d.findElement(By.id("queue-reconnect")).isDisplayed()
                        ? d.findElement(By.id("queue-reconnect")) : null);
                assertThat(notice.getText()).startsWith("Waiting room unavailable. Reconnecting in ")
                        .endsWith("you keep your place in line.");
                assertThat(fan.findElement(By.id("queue-status")).getAttribute("data-status")).isEqualTo("WAITING");
                assertThat(text(fan, "queue-position")).matches("\\d+");
                waitFor(fan, d -> (Boolean) ((JavascriptExecutor) d).executeScript("return window.__outage.retried"));
                fan.executeScript("window.__outage.release()");
            });
            assertThat(fan.findElement(By.id("queue-reconnect")).isDisplayed()).isFalse();
            assertThat(fan.findElements(By.cssSelector("#seat-map .section h3"))).extracting(WebElement::getText)
                    .containsExactly("Section A", "Section B");
            assertThat(fan.findElement(By.id("seat-map")).getText()).contains("VIP · ₩150,000 per seat", "R · ₩80,000 per seat");

            // Keyboard only: one tab stop on the map, arrows to move, Space and Enter to pick.
            WebElement first = seat(fan, "A-1-1");
            assertThat(first.getAttribute("tabindex")).isEqualTo("0");
            fan.executeScript("arguments[0].focus()", first);
            new Actions(fan).sendKeys(Keys.ARROW_DOWN).sendKeys(Keys.SPACE).sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ENTER).perform();
            waitFor(fan, d -> "true".equals(seat(d, "B-1-1").getAttribute("aria-pressed"))
                    && "true".equals(seat(d, "B-1-2").getAttribute("aria-pressed")));
            assertThat(fan.switchTo().activeElement().getAttribute("data-seat-id")).isEqualTo("B-1-2");
            assertThat(seat(fan, "B-1-1").getAttribute("aria-label")).contains("picked");

            // Up to the per-order limit (4), not one more.
            for (String more : List.of("B-1-3", "B-1-4", "B-1-5")) {
                seat(fan, more).click();
            }
            waitFor(fan, d -> text(d, "selection").contains("at most 4 seats"));
            assertThat(seat(fan, "B-1-5").getAttribute("aria-pressed")).isEqualTo("false");
            seat(fan, "B-1-3").click();
            seat(fan, "B-1-4").click();
            waitFor(fan, d -> text(d, "selection").startsWith("2 of 4 seats picked: B-1-1, B-1-2"));

            fan.findElement(By.id("hold-button")).click();
            waitFor(fan, d -> d.findElement(By.id("hold")).isDisplayed());
            assertThat(text(fan, "reservation-status")).isEqualTo("HELD");
            assertThat(text(fan, "hold-summary")).contains("B-1-1, B-1-2", "₩160,000");
            assertThat(text(fan, "countdown")).matches("[0-5]:\\d\\d left to pay");
            String firstCountdown = text(fan, "countdown");
            waitFor(fan, d -> !text(d, "countdown").equals(firstCountdown));
            // Usable at phone width: nothing wider than the screen.
            assertThat((Boolean) fan.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();

            fan.findElement(By.id("pay-button")).click();
            waitFor(fan, d -> text(d, "reservation-status").equals("CONFIRMED"));
            assertThat(text(fan, "pay-status")).isEqualTo("Confirmed: seats B-1-1, B-1-2 are yours.");
            String reservationId = text(fan, "hold-summary").replaceAll(".*reservation ", "");
            assertThat(tokensInUrlOrStorage(fan)).isFalse();

            By confirmed = By.cssSelector("#my-reservations li[data-reservation-id='" + reservationId + "'][data-status='CONFIRMED'] button.cancel");
            WebElement refund = waitFor(fan, d -> d.findElements(confirmed).stream().findFirst().orElse(null));
            assertThat(refund.getText()).isEqualTo("Cancel and refund");
            refund.click();
            waitFor(fan, d -> !d.findElements(By.cssSelector("#my-reservations li[data-reservation-id='" + reservationId
                    + "'][data-status='REFUNDED']")).isEmpty());
            waitFor(fan, d -> seat(d, "B-1-1").getAttribute("aria-label").contains("available"));
        } finally {
            quit(fan);
        }
    }

    /**
     * Wraps the page's fetch: the first poll of a queue entry is answered 503 + Retry-After: 1 as the command side's
     * QueueUnavailableAdvice answers it, the next one waits for {@code window.__outage.release()}.
     */
    private static final String ONE_OUTAGE = """
            const real = window.fetch.bind(window);
            let polls = 0;
            let release;
            const released = new Promise((resolve) => { release = resolve; });
            window.__outage = { retried: false, release };
            window.fetch = (url, init = {}) => {
              const poll = (init.method ?? 'GET') === 'GET' && /\\/api\\/queue\\/[^/]+\\/entries\\/[^/]+$/.test(String(url));
              if (!poll) return real(url, init);
              polls += 1;
              if (polls === 1) {
                return Promise.resolve(new Response(JSON.stringify({ type: 'urn:ticketing:queue-unavailable',
                    title: 'Waiting room unavailable', status: 503,
                    detail: 'The waiting room cannot be reached right now; try again shortly.' }),
                  { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' } }));
              }
              if (polls === 2) {
                window.__outage.retried = true;
                return released.then(() => real(url, init));
              }
              return real(url, init);
            };""";

    private static String fanName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static void signInAndReachSeatMap(ChromeDriver fan, String name) {
        signInAndReachSeatMap(fan, name, () -> { }, () -> { });
    }

    private static void signInAndReachSeatMap(ChromeDriver fan, String name, Runnable beforeChoosing, Runnable inLine) {
        fan.get(apps.commandUrl() + "/");
        waitFor(fan, d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fan.findElement(By.id("user-id")).sendKeys(name);
        fan.findElement(By.id("signin-button")).click();
        waitFor(fan, d -> text(d, "who").equals("Signed in as " + name));
        WebElement choose = waitFor(fan, ExpectedConditions.elementToBeClickable(
                By.cssSelector("button.schedule[data-schedule-id='" + schedule + "']")));
        beforeChoosing.run();
        choose.click();
        waitFor(fan, d -> d.findElement(By.id("queue")).isDisplayed() || d.findElement(By.id("seats")).isDisplayed());
        inLine.run();
        waitFor(fan, d -> d.findElement(By.id("seats")).isDisplayed()
                && "true".equals(d.findElement(By.id("seat-map")).getAttribute("data-loaded")));
        assertThat(fan.findElement(By.id("queue-status")).getAttribute("data-status")).isEqualTo("ADMITTED");
        assertThat(fan.findElements(By.cssSelector("#seat-map button.seat"))).hasSize(14);
    }

    /** The page keeps its tokens in memory: none in the address, storage or cookies. */
    private static boolean tokensInUrlOrStorage(ChromeDriver fan) {
        Object found = fan.executeScript("""
                const all = location.href + JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + document.cookie;
                return all.includes('eyJ');""");
        return Boolean.TRUE.equals(found);
    }

    /** Two seats sold before the browsers arrive, the way a client buys them over the API. */
    private static void sellThroughTheApi(String user, String... seats) {
        String bearer = TestJwts.user(user);
        String entryId = Http.post(apps.commandUrl() + "/api/queue/" + schedule + "/entries", bearer, null).body().get("entryId").asText();
        String[] admission = new String[1];
        await().atMost(DEADLINE).until(() -> {
            JsonNode entry = Http.get(apps.commandUrl() + "/api/queue/" + schedule + "/entries/" + entryId, bearer).body();
            admission[0] = entry.path("admissionToken").asText(null);
            return admission[0] != null;
        });
        String seatList = String.join("\",\"", seats);
        String reservation = send("POST", "/api/schedules/" + schedule + "/holds", bearer, admission[0],
                "{\"seatIds\":[\"" + seatList + "\"]}").get("reservationId").asText();
        String order = send("POST", "/api/reservations/" + reservation + "/payments", bearer, admission[0], null)
                .get("paymentOrderId").asText();
        send("POST", "/mock-provider/payments/" + order + "?outcome=PAID", bearer, null, null);
        await().atMost(DEADLINE).ignoreExceptionsInstanceOf(NullPointerException.class).until(() ->
                Http.get(apps.queryUrl() + "/api/schedules/" + schedule + "/seats", bearer).body().get("counts").get("sold").asLong() == seats.length);
    }

    private static JsonNode send(String method, String path, String bearer, String admission, String json) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(apps.commandUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer)
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (admission != null) {
            request.header("X-Admission-Token", admission);
        }
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ChromeDriver[] startBrowsers(int count, int width, int height) throws Exception {
        List<CompletableFuture<ChromeDriver>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> Chromium.start(width, height)));
        }
        ChromeDriver[] drivers = new ChromeDriver[count];
        for (int i = 0; i < count; i++) {
            drivers[i] = starting.get(i).get();
        }
        return drivers;
    }

    private static void quit(ChromeDriver... drivers) {
        for (ChromeDriver driver : drivers) {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    private static void screenshot(ChromeDriver fan) throws IOException {
        Path shot = fan.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    private static WebElement seat(WebDriver fan, String seatId) {
        return fan.findElement(By.cssSelector("#seat-map button.seat[data-seat-id='" + seatId + "']"));
    }

    private static String text(WebDriver fan, String id) {
        return fan.findElement(By.id(id)).getText();
    }

    private static <T> T waitFor(WebDriver fan, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(fan, DEADLINE, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition::apply);
    }
}
