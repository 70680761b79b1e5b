-- The reservations projection: one row per reservation and one per payment order, each guarded by its
-- own aggregate's last applied sequence number.
CREATE TABLE reservation_view (
    reservation_id VARCHAR(64)   NOT NULL,
    schedule_id    VARCHAR(64)   NOT NULL,
    user_id        VARCHAR(255)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    seat_ids       VARCHAR(2000) NOT NULL,
    total_price    BIGINT        NOT NULL,
    currency       CHAR(3)       NOT NULL,
    expires_at     DATETIME(6)   NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    last_sequence  BIGINT        NOT NULL,
    PRIMARY KEY (reservation_id),
    KEY ix_reservation_user_created (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE payment_order_view (
    payment_order_id VARCHAR(64)  NOT NULL,
    reservation_id   VARCHAR(64)  NOT NULL,
    user_id          VARCHAR(255) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    amount           BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    last_sequence    BIGINT       NOT NULL,
    PRIMARY KEY (payment_order_id),
    KEY ix_payment_order_reservation (reservation_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
