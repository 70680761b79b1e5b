-- Hold expiry moves from db-scheduler rows (one per hold) to an in-memory queue on each command-side instance,
-- rebuilt at start-up from the event store. This one row bounds that rebuild: every hold that began before
-- global index `position` has ended, so a start-up reads the events from there on only. Advanced every few
-- seconds (never per hold) by any instance.
CREATE TABLE hold_expiry_mark (
    id         TINYINT      NOT NULL,
    position   BIGINT       NOT NULL,
    updated_at TIMESTAMP(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO hold_expiry_mark (id, position) VALUES (1, 0);

-- The hold-expiry deadlines written before this version (Axon's db-scheduler deadline task): the queue finds
-- those holds in the event store (the mark starts at 0), so the rows would only fire a second, idle expiry.
DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline';
