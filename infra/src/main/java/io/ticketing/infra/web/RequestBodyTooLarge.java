package io.ticketing.infra.web;

import java.io.IOException;

/** A request body passed {@code ticketing.web.max-request-body} while it was read: answered 413. */
public class RequestBodyTooLarge extends IOException {
    static final String TYPE = "urn:ticketing:payload-too-large";
    static final String TITLE = "Payload too large";

    public RequestBodyTooLarge(long maxBytes) {
        super(detail(maxBytes));
    }

    static String detail(long maxBytes) {
        return "The request body is larger than the " + maxBytes + " bytes this service accepts.";
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // A client's mistake, answered with a problem: no stack trace to collect.
        return this;
    }
}
