-- Issue 9: an event reports one version of an object, and a version is its changed date AND its content.
-- With second-precision dates, two updates within one second are two versions: the second UPDATED had
-- the first one's (object, version_at, event_type), broke change_event_version_uk, and its page's
-- transaction failed on every run from then on (the page's records were never reported). The content
-- hash joins the key; events recorded before hashes existed have NULL, which collides with nothing.
ALTER TABLE change_event ADD COLUMN content_hash VARCHAR(64);
ALTER TABLE change_event DROP CONSTRAINT change_event_version_uk;
ALTER TABLE change_event ADD CONSTRAINT change_event_version_uk UNIQUE (instance_id, object_type, object_id, version_at, event_type, content_hash);
