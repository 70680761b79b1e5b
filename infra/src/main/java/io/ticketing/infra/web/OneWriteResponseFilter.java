package io.ticketing.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Keeps flushes of the response from reaching the container. Spring's JSON converter flushes after every body (and
 * Jackson inside it, and Spring MVC once more after every ResponseEntity, a problem+json refusal included), which
 * commits the response there and then: headers and body left in one socket write and the end of the chunked body in
 * a second, for every answer; the flushes were 7 % of a refusal's request-thread CPU in the JFR profile
 * (docs/benchmarks.md, "Issue 14 point 7"). Unflushed, a body that fits in Tomcat's response buffer (8 KB) leaves
 * once, when the request ends, with a Content-Length; a larger body still streams, as the full buffer commits
 * itself. An answer with {@code Connection: close} is flushed as before. No endpoint streams on purpose (no SSE, no
 * long polling); one that must would need to bypass this filter.
 */
public class OneWriteResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Unflushed(response));
    }

    private static final class Unflushed extends HttpServletResponseWrapper {
        private UnflushedStream stream;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        /** Spring MVC calls it after every ResponseEntity; the container sends the answer when the request ends. */
        @Override
        public void flushBuffer() throws IOException {
            if (closesConnection()) {
                super.flushBuffer();
            }
        }

        /**
         * An answer that closes the connection (a body refused by RequestBodyLimitFilter, 413 or 408) goes out at once,
         * as before: its client may still be sending, and the request does not end until the body read gives up.
         */
        boolean closesConnection() {
            return "close".equalsIgnoreCase(getHeader(HttpHeaders.CONNECTION));
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream current = super.getOutputStream();
            if (stream == null || stream.out != current) {
                stream = new UnflushedStream(current, this);
            }
            return stream;
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {
        final ServletOutputStream out;
        private final Unflushed response;

        UnflushedStream(ServletOutputStream out, Unflushed response) {
            this.out = out;
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            // Otherwise the container sends what is buffered when the request ends.
            if (response.closesConnection()) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
