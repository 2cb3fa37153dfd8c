-- Bodies compressed (issue 10): a body is the larger part of a document, and
-- XHTML shrinks to a fraction of its size. `packed` holds the body's JSON
-- (`{"xhtml": …, "pdf_base64": …}`) compressed with zstd; `size` the bytes a
-- reader gets (the XHTML's UTF-8, the PDF's decoded bytes), so that an
-- attachment's size is known without reading it. Rows of `document_bodies`
-- are moved here, compressed, when the store opens; that table stays empty.

CREATE TABLE document_parts (
    document_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    -- '' for the document's own body, otherwise the attachment's id.
    part        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    packed      BLOB NOT NULL,
    PRIMARY KEY (document_id, version, part)
);
