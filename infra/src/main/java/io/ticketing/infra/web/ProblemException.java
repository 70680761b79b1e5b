package io.ticketing.infra.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.Map;

/**
 * A refusal the client should understand: Spring's {@link ErrorResponseException} carrying the
 * problem+json body it is answered with, a stable {@code type} URI (for example
 * {@code urn:ticketing:seat-unavailable}) and optional extra members. {@link #getMessage()} is the
 * detail the client reads.
 */
public class ProblemException extends ErrorResponseException {
    private final HttpStatus status;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        super(status, problemDetail(status, type, title, detail), null);
        properties.forEach(getBody()::setProperty);
        this.status = status;
    }

    /** The one way this project builds a problem body: every answer has a stable type and a title. */
    static ProblemDetail problemDetail(HttpStatus status, String type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(type));
        body.setTitle(title);
        return body;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "urn:ticketing:not-found", "Not found", what + " was not found.");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "urn:ticketing:invalid-request", "Invalid request", detail);
    }

    /** 503: nothing was done and the client may try again after {@code retryAfterSeconds} (a Retry-After header). */
    public static ProblemException unavailable(String type, String title, String detail, String retryAfterSeconds) {
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        return problem;
    }

    /** The answer, as an exception handler returns it: status, headers, problem+json body. */
    public ResponseEntity<ProblemDetail> toResponse() {
        return ResponseEntity.status(status).headers(getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(getBody());
    }

    /**
     * No stack trace: refusals are answers, thrown on the hot path (a 409 for a taken seat), and a trace is
     * the largest cost of a throw; nothing logs them as failures.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The detail, as the client reads it (Spring's own message would add status and body). */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return getBody().getType().toString();
    }

    public String title() {
        return getBody().getTitle();
    }

    public Map<String, Object> properties() {
        Map<String, Object> properties = getBody().getProperties();
        return properties == null ? Map.of() : properties;
    }
}
