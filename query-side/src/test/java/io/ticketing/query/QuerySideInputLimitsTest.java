package io.ticketing.query;

import io.ticketing.command.support.RawHttp;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side caps request bodies too (ticketing.web.max-request-body). None of its endpoints reads a body, so a
 * chunked one is never parsed: Tomcat discards at most max-swallow-size (64 KB) of it and closes the connection.
 */
class QuerySideInputLimitsTest {

    @Test
    void oversizedBodiesAreRefusedWith413ProblemJson() throws Exception {
        try (RunningApps apps = new RunningApps()) {
            apps.startQuerySide();
            int port = ((WebServerApplicationContext) apps.querySide()).getWebServer().getPort();
            String head = """
                    POST /api/admin/projections/catalog/replay HTTP/1.1
                    Host: localhost
                    Authorization: Bearer %s
                    Content-Type: application/json
                    """.formatted(TestJwts.admin());
            byte[] start = new byte[16 * 1024];
            RawHttp.Answer answer = RawHttp.exchange(port, head + "Content-Length: 50000000\n", out -> out.write(start),
                    Duration.ofSeconds(30));
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json()).containsEntry("type", "urn:ticketing:payload-too-large");
            assertThat(answer.took()).isLessThan(Duration.ofSeconds(5));
        }
    }
}
