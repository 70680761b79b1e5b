package io.ticketing.infra.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A refusal the client should understand: rendered as problem+json with a stable {@code type}
 * URI (for example {@code urn:ticketing:seat-unavailable}) and optional extra members.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = properties;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "urn:ticketing:not-found", "Not found", what + " was not found.");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "urn:ticketing:invalid-request", "Invalid request", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
