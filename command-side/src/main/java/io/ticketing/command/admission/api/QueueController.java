package io.ticketing.command.admission.api;

import io.ticketing.command.admission.application.WaitingRoom;
import io.ticketing.infra.security.CurrentUser;
import io.ticketing.infra.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/queue/{scheduleId}/entries")
public class QueueController {
    private final WaitingRoom waitingRoom;

    public QueueController(WaitingRoom waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    /** 201 for a new entry; 200 with the same entry when the user already has one. */
    @PostMapping
    public ResponseEntity<EntryResponse> enter(@PathVariable String scheduleId) {
        return entered(waitingRoom.enter(scheduleId, CurrentUser.id().value()));
    }

    /** The answer to an entry, here and in {@link DirectEntryFilter}. */
    static ResponseEntity<EntryResponse> entered(WaitingRoom.Entry entry) {
        return ResponseEntity.status(entry.created() ? HttpStatus.CREATED : HttpStatus.OK).body(EntryResponse.of(entry));
    }

    @GetMapping("/{entryId}")
    public EntryResponse entry(@PathVariable String scheduleId, @PathVariable String entryId) {
        return waitingRoom.entry(scheduleId, CurrentUser.id().value(), entryId).map(EntryResponse::of)
                .orElseThrow(() -> ProblemException.notFound("Entry " + entryId));
    }
}
