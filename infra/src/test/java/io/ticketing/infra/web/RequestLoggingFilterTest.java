package io.ticketing.infra.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per request, with the status the client got. */
class RequestLoggingFilterTest {
    private final Logger requests = (Logger) LoggerFactory.getLogger("ticketing.requests");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        requests.addAppender(lines);
    }

    @AfterEach
    void release() {
        requests.detachAppender(lines);
    }

    @Test
    void aRequestIsLoggedWithItsStatusAndId() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/schedules/s-1/holds");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestLoggingFilter().doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(409));

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("POST /api/schedules/s-1/holds 409 ")
                .endsWith("id=" + response.getHeader(RequestLoggingFilter.REQUEST_ID_HEADER));
    }

    @Test
    void anAsynchronousAnswerIsLoggedOnceItIsWrittenWithItsRealStatus() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mock-provider/payments/p-1");
        request.setAsyncSupported(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestLoggingFilter().doFilter(request, response, (req, res) -> req.startAsync());
        assertThat(lines.list).as("nothing logged while the answer is pending").isEmpty();

        response.setStatus(502);
        ((MockAsyncContext) request.getAsyncContext()).complete();

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("POST /mock-provider/payments/p-1 502 ");
    }
}
