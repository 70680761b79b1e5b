package io.ticketing.command.admission.api;

import io.ticketing.command.admission.application.WaitingRoom;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rate, cap and pause of one schedule's waiting room; the admitters pick a change up on their next step. */
@RestController
@RequestMapping("/api/admin/schedules/{scheduleId}/queue")
public class QueueAdminController {
    private final WaitingRoom waitingRoom;

    public QueueAdminController(WaitingRoom waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    @GetMapping
    public WaitingRoom.QueueSettings settings(@PathVariable String scheduleId) {
        return waitingRoom.settings(scheduleId);
    }

    @PutMapping
    public WaitingRoom.QueueSettings change(@PathVariable String scheduleId, @Valid @RequestBody QueueSettingsRequest request) {
        return waitingRoom.changeSettings(scheduleId,
                new WaitingRoom.QueueSettings(request.admitPerSecond(), request.maxActive(), request.paused(),
                        request.minAdmitPerSecond(), null));
    }
}
