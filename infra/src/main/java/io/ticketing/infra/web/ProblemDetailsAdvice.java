package io.ticketing.infra.web;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error leaves as problem+json with a stable {@code type}: validation and malformed input are 400s
 * that name the fields; no exception's own message reaches the client (they are written for developers);
 * anything unexpected is a 500 with no stack trace (logged here instead).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Answered with the body it carries, as is (not through the message source the base class would consult). */
    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    /** Constraint messages are ours (the annotations'), so they name the fields like a body's validation does. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> invalid(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.<String, Object>of("field", v.getPropertyPath().toString(),
                        "message", v.getMessage() == null ? "invalid" : v.getMessage()))
                .toList();
        ProblemDetail problem = invalidRequest("The request has " + errors.size() + " invalid field(s).");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * An argument some code refused: its message was written for developers (it may quote the input, a class or
     * a library's internals), so the client gets a generic detail and the log keeps the message.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        log.debug("Request refused as invalid", e);
        ProblemDetail problem = invalidRequest("The request has a value that is not valid here.");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = invalidRequest("Parameter '" + e.getName() + "' has an invalid value.");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(ProblemException.problemDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "urn:ticketing:internal-error", "Internal error",
                "Something went wrong on our side; the request id in X-Request-Id helps us find it."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.<String, Object>of("field", f.getField(),
                        "message", f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = invalidRequest("The request has " + errors.size() + " invalid field(s).");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A body cut off by {@link RequestBodyLimitFilter}: too large (413) or too slow (408), not malformed. */
    @ExceptionHandler({RequestBodyTooLarge.class, RequestBodyTooSlow.class})
    public ResponseEntity<ProblemDetail> bodyLimit(IOException e) {
        boolean tooLarge = e instanceof RequestBodyTooLarge;
        HttpStatus status = tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.REQUEST_TIMEOUT;
        ProblemDetail problem = ProblemException.problemDetail(status,
                tooLarge ? RequestBodyTooLarge.TYPE : RequestBodyTooSlow.TYPE,
                tooLarge ? RequestBodyTooLarge.TITLE : RequestBodyTooSlow.TITLE, e.getMessage());
        return ResponseEntity.status(status).header(HttpHeaders.CONNECTION, "close").body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge || cause instanceof RequestBodyTooSlow) {
                ResponseEntity<ProblemDetail> refused = bodyLimit((IOException) cause);
                return new ResponseEntity<>(refused.getBody(), refused.getHeaders(), refused.getStatusCode());
            }
        }
        ResponseEntity<ProblemDetail> malformed = malformedBody();
        return new ResponseEntity<>(malformed.getBody(), malformed.getHeaders(), malformed.getStatusCode());
    }

    /** A body that could not be read as JSON of the expected shape: 400 {@code urn:ticketing:malformed-request}. */
    public ResponseEntity<ProblemDetail> malformedBody() {
        return ResponseEntity.badRequest().body(ProblemException.problemDetail(HttpStatus.BAD_REQUEST,
                "urn:ticketing:malformed-request", "Malformed request",
                "The request body is missing or is not valid JSON of the expected shape."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create("urn:ticketing:http-" + statusCode.value()));
        }
        return response;
    }

    /** A 400 {@code urn:ticketing:invalid-request} with a detail written for the client. */
    private static ProblemDetail invalidRequest(String detail) {
        return ProblemException.problemDetail(HttpStatus.BAD_REQUEST, "urn:ticketing:invalid-request", "Invalid request",
                detail);
    }
}
