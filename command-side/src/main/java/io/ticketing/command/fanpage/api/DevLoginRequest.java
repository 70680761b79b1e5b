package io.ticketing.command.fanpage.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A user id the dev login accepts: short and plain, as it becomes the token's {@code sub} and shows on the page. */
public record DevLoginRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
        message = "1 to 64 letters, digits, '.', '_' or '-'") String userId) {
}
