package io.ticketing.infra.web;

import java.io.IOException;

/** Reading a request body took longer than {@code ticketing.web.request-body-timeout}: answered 408. */
public class RequestBodyTooSlow extends IOException {
    static final String TYPE = "urn:ticketing:request-timeout";
    static final String TITLE = "Request timeout";
    static final String DETAIL = "The request body arrived too slowly.";

    public RequestBodyTooSlow() {
        super(DETAIL);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
