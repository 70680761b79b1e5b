package io.ticketing.command.fanpage.api;

import io.ticketing.command.fanpage.application.FanPageProperties;
import io.ticketing.command.reservation.application.BookingProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fan/config}: what the static page cannot know by itself — where the query side is, the per-order seat
 * limit, and whether the dev login and the mock payment provider exist (profile {@code local}). Open, like the page.
 */
@RestController
public class FanPageController {
    private final FanPageConfig config;

    public FanPageController(FanPageProperties properties, BookingProperties booking, Environment environment) {
        this.config = new FanPageConfig(properties.queryUrl(), booking.maxSeatsPerOrder(),
                environment.acceptsProfiles(Profiles.of("local")));
    }

    public record FanPageConfig(String queryUrl, int maxSeatsPerOrder, boolean local) {
    }

    @GetMapping("/fan/config")
    public FanPageConfig config() {
        return config;
    }
}
