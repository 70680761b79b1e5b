-- When each schedule's sales open: the waiting room's directory (filled from ConcertCreated by the
-- "schedule-directory" processor), so it survives a restart of Redis, which keeps nothing on disk.
CREATE TABLE schedule_directory (
    schedule_id   VARCHAR(64) NOT NULL,
    concert_id    VARCHAR(64) NOT NULL,
    sales_open_at DATETIME(6) NOT NULL,
    starts_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (schedule_id),
    KEY ix_schedule_directory_open (sales_open_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
