package io.ticketing.api.common;

import java.util.Objects;

/**
 * One user's active holds on one schedule. Its string form is the HoldQuota aggregate id: loading it in
 * the same unit of work as the seats makes the per-user hold limit race-free.
 */
public record HoldQuotaId(ScheduleId scheduleId, UserId userId) {
    public HoldQuotaId {
        Objects.requireNonNull(scheduleId, "schedule id");
        Objects.requireNonNull(userId, "user id");
    }

    @Override
    public String toString() {
        return "holds:" + scheduleId.value() + ":" + userId.value();
    }
}
