package io.ticketing.command.admission.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record QueueSettingsRequest(
        @NotNull @DecimalMin(value = "0.1") @DecimalMax("100000") Double admitPerSecond,
        @NotNull @Min(1) @Max(1_000_000) Integer maxActive,
        @NotNull Boolean paused,
        // The floor of the adaptive admission rate; absent: ticketing.overload.default-min-admit-per-second.
        @DecimalMin(value = "0.1") @DecimalMax("100000") Double minAdmitPerSecond) {

    @AssertTrue(message = "must not be above admitPerSecond")
    public boolean isMinAdmitPerSecondWithinRate() {
        return minAdmitPerSecond == null || admitPerSecond == null || minAdmitPerSecond <= admitPerSecond;
    }
}
