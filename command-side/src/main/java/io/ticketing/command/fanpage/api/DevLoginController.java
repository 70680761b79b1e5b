package io.ticketing.command.fanpage.api;

import io.ticketing.command.fanpage.application.DevTokenIssuer;
import io.ticketing.command.fanpage.application.DevTokenIssuer.DevToken;
import jakarta.validation.Valid;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local only: {@code POST /dev/login {userId}} → a USER bearer token signed with the local secret, so the fan's page
 * can be tried without an identity provider. Outside the {@code local} profile this controller does not exist and
 * the security chain does not open the path (an anonymous caller gets 401, a signed-in one 404).
 */
@RestController
@Profile("local")
public class DevLoginController {
    private final DevTokenIssuer issuer;

    public DevLoginController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/dev/login")
    public DevToken login(@Valid @RequestBody DevLoginRequest request) {
        return issuer.issue(request.userId());
    }
}
