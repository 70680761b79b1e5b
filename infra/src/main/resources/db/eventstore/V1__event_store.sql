-- The write side's event store (Axon's JDBC storage engine, snake_case schema set in EventStoreConfiguration).
-- global_index is AUTO_INCREMENT: gap-free in insertion order but for rolled-back transactions, which the
-- tracking processors wait out (DESIGN.md, trap 4). Payloads are LONGBLOB: a plain BLOB caps at 64 KiB.
CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL AUTO_INCREMENT,
    event_identifier     VARCHAR(64)  NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NULL,
    time_stamp           VARCHAR(40)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(64)  NULL,
    payload              LONGBLOB     NOT NULL,
    meta_data            LONGBLOB     NULL,
    PRIMARY KEY (global_index),
    -- Two appends to one aggregate at the same sequence number: the second transaction fails and rolls back.
    UNIQUE KEY uk_domain_event_aggregate_seq (aggregate_identifier, sequence_number),
    UNIQUE KEY uk_domain_event_identifier (event_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(64)  NOT NULL,
    time_stamp           VARCHAR(40)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(64)  NULL,
    payload              LONGBLOB     NOT NULL,
    meta_data            LONGBLOB     NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE KEY uk_snapshot_event_identifier (event_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Tokens of the write side's own processors (the Kafka publisher).
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INT          NOT NULL,
    token          LONGBLOB     NULL,
    token_type     VARCHAR(255) NULL,
    timestamp      VARCHAR(40)  NULL,
    owner          VARCHAR(255) NULL,
    PRIMARY KEY (processor_name, segment)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
