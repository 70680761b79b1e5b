package io.ticketing.infra.web;

import io.ticketing.infra.security.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Caps every request body before anything parses it. A declared {@code Content-Length} over the cap is refused at
 * once, unread; a body without one (chunked) is read through a stream that fails as soon as it passes the cap, or
 * once reading it has taken longer than {@code ticketing.web.request-body-timeout}, so neither a huge body nor a
 * slow one holds a request thread for long. Tomcat's {@code maxPostSize} would not do: it covers form posts only.
 *
 * <p>The stream's failures are {@link RequestBodyTooLarge} and {@link RequestBodyTooSlow}; the converters wrap them
 * and {@link ProblemDetailsAdvice} answers 413 or 408 problem+json. Either answer closes the connection without
 * reading the rest of the body ({@link RefusedBodyValve}).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final long timeoutNanos;
    private final ProblemWriter problems;

    public RequestBodyLimitFilter(WebLimitsProperties limits, ProblemWriter problems) {
        this.maxBytes = limits.maxRequestBody().toBytes();
        this.timeoutNanos = limits.requestBodyTimeout().toNanos();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            request.setAttribute(RefusedBodyValve.REFUSED, Boolean.TRUE);
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyTooLarge.TYPE, RequestBodyTooLarge.TITLE,
                    RequestBodyTooLarge.detail(maxBytes));
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes, System.nanoTime() + timeoutNanos);
        chain.doFilter(limited, response);
        if (limited.tripped()) {
            request.setAttribute(RefusedBodyValve.REFUSED, Boolean.TRUE);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private final long deadline;
        private LimitedInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long maxBytes, long deadline) {
            super(request);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), maxBytes, deadline);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        boolean tripped() {
            return stream != null && stream.tripped;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream body;
        private final long maxBytes;
        private final long deadline;
        private long read;
        private boolean tripped;

        LimitedInputStream(ServletInputStream body, long maxBytes, long deadline) {
            this.body = body;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the cap: that byte is enough to know the body is too large.
            int n = body.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                tripped = true;
                throw new RequestBodyTooLarge(maxBytes);
            }
            if (System.nanoTime() - deadline > 0) {
                tripped = true;
                throw new RequestBodyTooSlow();
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
