package io.ticketing.command.admission.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ticketing.command.admission.application.WaitingRoom;

import java.time.Instant;

/** position and etaSeconds are always present (null when unknown); the token only when ADMITTED. */
public record EntryResponse(String entryId, String status,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Long position,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Long etaSeconds,
                            String admissionToken, Instant admissionExpiresAt) {
    static EntryResponse of(WaitingRoom.Entry entry) {
        return new EntryResponse(entry.entryId(), entry.status(), entry.position(), entry.etaSeconds(),
                entry.admissionToken(), entry.admissionExpiresAt());
    }
}
