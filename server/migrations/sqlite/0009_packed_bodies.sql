-- Bodies compressed (issue 10): a body is the larger part of a document, and
-- XHTML shrinks to a fraction of its size. `kind` is `xhtml` or `pdf`;
-- `packed` holds the XHTML's text or the PDF's bytes (not base64), compressed
-- with zstd; `size` the length of those bytes, so that an attachment's size
-- is known without reading it. Rows of `document_bodies`
-- are moved here, compressed, when the store opens; that table stays empty.

CREATE TABLE document_parts (
    document_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    -- '' for the document's own body, otherwise the attachment's id.
    part        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    packed      BLOB NOT NULL,
    PRIMARY KEY (document_id, version, part)
);
