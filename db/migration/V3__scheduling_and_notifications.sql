-- ShedLock: one row per scheduled job; whoever holds the row runs the tick (cluster-safe).
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);

-- Transactional outbox of webhook deliveries: written in the same transaction as the change that
-- caused the event, delivered at least once by whichever replica claims the row.
CREATE TABLE notification_delivery (
    id              uuid PRIMARY KEY,
    event_id        uuid          NOT NULL,
    event_type      varchar(200)  NOT NULL,
    subject         varchar(1024),
    endpoint        varchar(100)  NOT NULL,
    payload         text          NOT NULL,
    status          varchar(16)   NOT NULL,
    attempts        integer       NOT NULL,
    created_at      timestamptz   NOT NULL,
    next_attempt_at timestamptz   NOT NULL,
    locked_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      varchar(500),
    delivered_at    timestamptz,
    CONSTRAINT notification_delivery_status_chk CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_delivery_created_idx ON notification_delivery (created_at DESC, id);
