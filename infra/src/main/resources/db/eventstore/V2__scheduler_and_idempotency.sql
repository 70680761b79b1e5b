-- db-scheduler's table (its MySQL schema): hold-expiry deadlines of the Reservation aggregates
-- (Axon's DbSchedulerDeadlineManager) and recurring housekeeping. Kept in the event-store database so a
-- deadline survives a restart of the command side, and any instance may run it.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            MEDIUMBLOB   NULL,
    execution_time       TIMESTAMP(6) NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50)  NULL,
    last_success         TIMESTAMP(6) NULL,
    last_failure         TIMESTAMP(6) NULL,
    consecutive_failures INT          NULL,
    last_heartbeat       TIMESTAMP(6) NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT     NULL,
    PRIMARY KEY (task_name, task_instance),
    INDEX execution_time_idx (execution_time),
    INDEX last_heartbeat_idx (last_heartbeat),
    INDEX priority_execution_time_idx (priority DESC, execution_time ASC)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- First answers to requests sent with an Idempotency-Key, per user; a repeat gets the stored answer.
-- status 0 = the first request is still being processed. Purged after the retention (>= 24 h).
CREATE TABLE idempotent_request (
    user_id         VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    operation       VARCHAR(64)  NOT NULL,
    status          INT          NOT NULL,
    body            MEDIUMTEXT   NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (user_id, idempotency_key),
    INDEX idempotent_request_created_idx (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
