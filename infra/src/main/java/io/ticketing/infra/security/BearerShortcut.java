package io.ticketing.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.List;

/**
 * What this application's security chain decides for a request with a plain bearer token, for the few filters that
 * answer the hottest endpoints before the chain runs (the command side's direct endpoints): the same firewall, the
 * same {@link JwtDecoder} (with its cache) and the rule every such endpoint has — role USER or ADMIN. It only ever
 * says yes for a request the chain would let through; for anything else it says null, and the caller passes the
 * request on to the chain, which gives its own answer (401, 403, 400).
 */
public final class BearerShortcut {
    private static final String BEARER = "Bearer ";

    private final JwtDecoder jwts;
    private final HttpFirewall firewall;

    public BearerShortcut(JwtDecoder jwts, HttpFirewall firewall) {
        this.jwts = jwts;
        this.firewall = firewall;
    }

    /** The request as the chain's firewall hands it on (header reads checked), or null when it would reject it. */
    public HttpServletRequest firewalled(HttpServletRequest request) {
        if (request.isSecure()) {
            return null; // answers over TLS carry HSTS, which only the chain writes
        }
        try {
            return firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
            return null;
        }
    }

    /** The caller of a firewalled request when its bearer token is valid and carries USER or ADMIN; else null. */
    public Jwt user(HttpServletRequest firewalled) {
        String authorization = firewalled.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return null;
        }
        try {
            Jwt jwt = jwts.decode(authorization.substring(BEARER.length()));
            return jwt.getClaim("roles") instanceof List<?> roles && (roles.contains("USER") || roles.contains("ADMIN"))
                    ? jwt : null;
        } catch (JwtException | IllegalArgumentException refused) {
            return null;
        }
    }

    /** The headers Spring Security's default header writers add to every answer over plain HTTP. */
    public static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setHeader(HttpHeaders.EXPIRES, "0");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
