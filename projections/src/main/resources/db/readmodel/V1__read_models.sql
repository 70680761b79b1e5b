-- The read side's own database: read models and the projections' tracking tokens (Kafka offsets),
-- committed in the same transaction as the rows they produced.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INT          NOT NULL,
    owner          VARCHAR(255) NULL,
    timestamp      VARCHAR(255) NOT NULL,
    token          LONGBLOB     NULL,
    token_type     VARCHAR(255) NULL,
    PRIMARY KEY (processor_name, segment)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE concert_view (
    concert_id    VARCHAR(64)  NOT NULL,
    title         VARCHAR(200) NOT NULL,
    venue         VARCHAR(200) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (concert_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE schedule_view (
    schedule_id   VARCHAR(64) NOT NULL,
    concert_id    VARCHAR(64) NOT NULL,
    starts_at     DATETIME(6) NOT NULL,
    sales_open_at DATETIME(6) NOT NULL,
    PRIMARY KEY (schedule_id),
    KEY ix_schedule_concert (concert_id, starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE seat_view (
    seat_key       VARCHAR(128) NOT NULL,
    schedule_id    VARCHAR(64)  NOT NULL,
    seat_label     VARCHAR(40)  NOT NULL,
    section        VARCHAR(10)  NOT NULL,
    seat_row       INT          NOT NULL,
    seat_number    INT          NOT NULL,
    grade          VARCHAR(40)  NOT NULL,
    price          BIGINT       NOT NULL,
    currency       CHAR(3)      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    reservation_id VARCHAR(64)  NULL,
    last_sequence  BIGINT       NOT NULL,
    PRIMARY KEY (seat_key),
    KEY ix_seat_schedule_position (schedule_id, section, seat_row, seat_number),
    KEY ix_seat_schedule_status (schedule_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
