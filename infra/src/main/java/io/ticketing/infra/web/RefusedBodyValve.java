package io.ticketing.infra.web;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import java.io.IOException;

/**
 * After a body was refused by {@link RequestBodyLimitFilter}, Tomcat would still drain the rest of it (up to
 * {@code max-swallow-size}) to keep the connection alive: a client trickling that rest would hold the request thread
 * long after its 413 or 408, each byte just inside the connection timeout. Tomcat does the same for its own aborted
 * uploads and offers the way out used here: no draining, the connection is closed once the answer is written.
 */
class RefusedBodyValve extends ValveBase {
    static final String REFUSED = RefusedBodyValve.class.getName() + ".refused";

    RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.getAttribute(REFUSED) != null) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
