package io.ticketing.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's converter writes its body whole and no flush commits the response; only a full buffer does. */
class OneWriteResponseFilterTest {
    private final MappingJackson2HttpMessageConverter json = new MappingJackson2HttpMessageConverter(
            new ObjectMapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class));

    private static ProblemDetail refusal() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Seat A-1-1 is not available.");
        problem.setType(URI.create("urn:ticketing:seat-unavailable"));
        problem.setProperty("seatIds", List.of("A-1-1"));
        return problem;
    }

    @Test
    void theConvertersFlushesDoNotCommitTheResponseAndTheBodyIsWhole() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();

        new OneWriteResponseFilter().doFilter(new MockHttpServletRequest("POST", "/api/schedules/s/holds"), servlet,
                (req, res) -> json.write(refusal(), MediaType.APPLICATION_PROBLEM_JSON,
                        new ServletServerHttpResponse((HttpServletResponse) res)));

        assertThat(servlet.isCommitted()).isFalse();
        assertThat(new ObjectMapper().readTree(servlet.getContentAsByteArray()).path("seatIds").toString())
                .isEqualTo("[\"A-1-1\"]");
    }

    @Test
    void withoutTheFilterTheSameWriteCommitsAtOnce() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();

        json.write(refusal(), MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(servlet));

        assertThat(servlet.isCommitted()).isTrue();
    }

    @Test
    void flushBufferDoesNotCommitButABodyLargerThanTheBufferStillStreams() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();

        new OneWriteResponseFilter().doFilter(new MockHttpServletRequest("GET", "/actuator/prometheus"), servlet,
                (req, res) -> {
                    res.getOutputStream().write("small".getBytes());
                    res.getOutputStream().flush();
                    res.flushBuffer();
                    assertThat(servlet.isCommitted()).as("after flush() and flushBuffer()").isFalse();
                    res.getOutputStream().write(new byte[servlet.getBufferSize() + 1]);
                    assertThat(servlet.isCommitted()).as("past the buffer").isTrue();
                });

        assertThat(servlet.getContentAsByteArray()).hasSize(5 + servlet.getBufferSize() + 1);
    }

    @Test
    void anAnswerThatClosesTheConnectionIsFlushedAtOnce() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();

        new OneWriteResponseFilter().doFilter(new MockHttpServletRequest("POST", "/api/payments/webhook"), servlet,
                (req, res) -> {
                    ((HttpServletResponse) res).setHeader("Connection", "close");
                    res.getOutputStream().write("{}".getBytes());
                    res.getOutputStream().flush();
                    assertThat(servlet.isCommitted()).as("while the client may still send").isTrue();
                });
    }
}
