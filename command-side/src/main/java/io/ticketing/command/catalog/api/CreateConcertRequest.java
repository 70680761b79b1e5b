package io.ticketing.command.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Body of {@code POST /api/admin/concerts}. */
public record CreateConcertRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 200) String venue,
        @NotEmpty @Size(max = CreateConcertRequest.MAX_SCHEDULES) List<@NotNull @Valid Schedule> schedules,
        @NotEmpty @Size(max = CreateConcertRequest.MAX_SECTIONS) List<@NotNull @Valid Section> sections) {

    /**
     * At most this many seats per schedule: every seat is an aggregate created in one transaction. Over all schedules
     * together {@code ticketing.catalog.max-seats-per-concert} applies (CatalogService).
     */
    public static final int MAX_SEATS_PER_SCHEDULE = 50_000;
    /** At most this many schedules, and as many sections, per concert. */
    public static final int MAX_SCHEDULES = 50;
    public static final int MAX_SECTIONS = 50;
    /**
     * The highest seat price, in the currency's smallest unit (10^12: a trillion won). A hold's total is the sum of at
     * most {@code ticketing.booking.max-seats-per-order} prices (itself at most 100), so it stays below 10^14 and never
     * overflows a long into a server error.
     */
    public static final long MAX_PRICE = 1_000_000_000_000L;

    public record Schedule(@NotNull Instant startsAt, @NotNull Instant salesOpenAt) {
        @AssertTrue(message = "salesOpenAt must be before startsAt")
        public boolean isSalesOpenBeforeStart() {
            return startsAt == null || salesOpenAt == null || salesOpenAt.isBefore(startsAt);
        }
    }

    public record Section(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9]{1,10}", message = "letters and digits, at most 10") String name,
            @NotBlank @Size(max = 40) String grade,
            @NotNull @Positive @Max(value = MAX_PRICE, message = "must be at most " + MAX_PRICE) Long price,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as KRW") String currency,
            @Min(1) @Max(500) int rows,
            @Min(1) @Max(500) int seatsPerRow) {
    }

    @AssertTrue(message = "section names must be unique")
    public boolean isSectionNamesUnique() {
        return sections == null || sections.stream().filter(s -> s != null && s.name() != null)
                .map(Section::name).distinct().count() == sections.stream().filter(s -> s != null && s.name() != null).count();
    }

    @AssertTrue(message = "a schedule may have at most " + MAX_SEATS_PER_SCHEDULE + " seats")
    public boolean isSeatCountWithinLimit() {
        return sections == null || sections.stream().filter(s -> s != null)
                .mapToLong(s -> (long) s.rows() * s.seatsPerRow()).sum() <= MAX_SEATS_PER_SCHEDULE;
    }

    @AssertTrue(message = "all sections must use one currency")
    public boolean isSingleCurrency() {
        return sections == null || sections.stream().filter(s -> s != null && s.currency() != null)
                .map(Section::currency).distinct().count() <= 1;
    }
}
