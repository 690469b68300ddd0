-- Element instances: a connection of an organization to one provider account.
CREATE SEQUENCE element_instance_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE instance_configuration_seq START WITH 50 INCREMENT BY 50;

-- The owner is NOT cascaded: removing a user who still owns instances is refused (409) by the
-- application, and this NO ACTION foreign key guarantees it even if some path forgets to check.
-- Deleting a whole organization does take its instances with it.
CREATE TABLE element_instance (
    id                BIGINT PRIMARY KEY,
    organization_id   BIGINT        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    owner_user_id     BIGINT        NOT NULL REFERENCES app_user (id),
    element_key       VARCHAR(64)   NOT NULL,
    name              VARCHAR(255)  NOT NULL,
    token_encrypted   VARCHAR(255)  NOT NULL,
    token_hash        VARCHAR(64)   NOT NULL,
    disabled          BOOLEAN       NOT NULL DEFAULT FALSE,
    valid             BOOLEAN       NOT NULL DEFAULT TRUE,
    validation_reason VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT element_instance_token_hash_uk UNIQUE (token_hash)
);

CREATE INDEX element_instance_organization_ix ON element_instance (organization_id, id);
CREATE INDEX element_instance_owner_ix ON element_instance (owner_user_id);

CREATE TABLE instance_tag (
    instance_id BIGINT       NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    tag_order   INT          NOT NULL,
    tag         VARCHAR(255) NOT NULL,
    PRIMARY KEY (instance_id, tag_order)
);

CREATE INDEX instance_tag_tag_ix ON instance_tag (tag);

-- One row per configuration key; values of secret keys are AES-GCM encrypted (SecretCipher).
CREATE TABLE instance_configuration (
    id           BIGINT PRIMARY KEY,
    instance_id  BIGINT        NOT NULL REFERENCES element_instance (id) ON DELETE CASCADE,
    config_key   VARCHAR(255)  NOT NULL,
    config_value VARCHAR(1048576),
    CONSTRAINT instance_configuration_key_uk UNIQUE (instance_id, config_key)
);

-- The provider's OAuth tokens, encrypted, one row per instance. Token refreshes lock this row
-- (SELECT ... FOR UPDATE) and bump version, so two nodes never spend the same rotating refresh token.
CREATE TABLE instance_provider_token (
    instance_id             BIGINT PRIMARY KEY REFERENCES element_instance (id) ON DELETE CASCADE,
    access_token            VARCHAR(16384),
    refresh_token           VARCHAR(16384),
    access_token_expires_at TIMESTAMP WITH TIME ZONE,
    scope                   VARCHAR(1000),
    version                 BIGINT NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
