package io.ticketing.infra.security;

import io.ticketing.api.common.UserId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The user id ({@code sub}) of the request's bearer token. */
public final class CurrentUser {
    private CurrentUser() {
    }

    public static UserId id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt && jwt.getSubject() != null) {
            return new UserId(jwt.getSubject());
        }
        throw new IllegalStateException("no authenticated user on this request");
    }
}
