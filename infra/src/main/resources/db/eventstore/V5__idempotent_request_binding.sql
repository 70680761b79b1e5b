-- An Idempotency-Key is bound to the request it first came with (issue 18, point 7):
--   request_hash: SHA-256 (hex) of the operation, its target and its body. The same key with another request is
--                 refused (422) instead of answered with the first request's answer. NULL in rows written before
--                 this column existed: those are compared by operation only, as they were.
--   attempt:      which attempt holds the in-progress marker. A marker older than the lease
--                 (ticketing.booking.idempotency-lease) is taken over by a retry; an attempt stores its answer, or
--                 removes its marker after an unexpected failure, only while the marker is still its own.
ALTER TABLE idempotent_request
    ADD COLUMN request_hash CHAR(64) NULL AFTER operation,
    ADD COLUMN attempt      CHAR(36) NULL AFTER request_hash;
