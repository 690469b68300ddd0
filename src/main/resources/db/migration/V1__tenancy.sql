-- Ids come from sequences (allocation 50): portable between H2 and PostgreSQL, unlike EclipseLink's
-- identity read-back, which uses a function H2 2.x removed. EclipseLink reads the value as the
-- last id of a block of 50, so a sequence starts at 50.
CREATE SEQUENCE organization_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE app_user_seq START WITH 50 INCREMENT BY 50;

-- Organizations and their users. Secrets are stored only as SHA-256 digests (hex).
CREATE TABLE organization (
    id            BIGINT PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    secret_hash   VARCHAR(64)  NOT NULL,
    bootstrap     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organization_secret_hash_uk UNIQUE (secret_hash)
);

CREATE TABLE app_user (
    id              BIGINT PRIMARY KEY,
    organization_id BIGINT       NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    email_address   VARCHAR(320) NOT NULL,
    first_name      VARCHAR(255),
    last_name       VARCHAR(255),
    role            VARCHAR(16)  NOT NULL,
    secret_hash     VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_user_secret_hash_uk UNIQUE (secret_hash),
    CONSTRAINT app_user_email_uk UNIQUE (organization_id, email_address)
);

CREATE INDEX app_user_organization_ix ON app_user (organization_id);

-- One row once the bootstrap organization exists: nodes starting together on an empty database
-- race on this primary key, and only one creates it.
CREATE TABLE bootstrap_marker (
    id         INT PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
