-- Creation jobs of large concerts (issue 19, point 2): kept here, next to the events they append, so that any
-- command-side instance answers a job's status and a job interrupted by a crash is resumed (its db-scheduler task,
-- one per job in scheduled_tasks, is revived by whichever instance notices the dead execution).
--   request:     the RegisterConcert the job ends with (JSON); its seats' batches are rebuilt from it
--   batch_seats: the batch size the job was accepted with, so a resume cuts the same batches whatever the
--                resuming instance's ticketing.catalog.batch-seats says
--   steps_done:  batches committed (the concert's own RegisterConcert is the last step). Written in the same
--                transaction as each batch's events, guarded by its previous value: a batch is stored and counted
--                together or not at all, and a resume starts at the first batch not stored
-- status: QUEUED, RUNNING, COMPLETED or FAILED. Rows finished longer ago than ticketing.catalog.job-retention are
-- deleted.
CREATE TABLE concert_creation_job (
    job_id        VARCHAR(64)  NOT NULL,
    concert_id    VARCHAR(64)  NOT NULL,
    request       MEDIUMTEXT   NOT NULL,
    batch_seats   INT          NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    seats_total   BIGINT       NOT NULL,
    seats_created BIGINT       NOT NULL,
    steps_done    INT          NOT NULL,
    error         VARCHAR(1000) NULL,
    accepted_at   TIMESTAMP(6) NOT NULL,
    finished_at   TIMESTAMP(6) NULL,
    PRIMARY KEY (job_id),
    INDEX concert_creation_job_status_idx (status),
    INDEX concert_creation_job_finished_idx (finished_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
