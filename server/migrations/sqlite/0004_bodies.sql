-- Bodies apart from metadata (issue 10): list views and the policy read only
-- `documents.data`, which from now on holds a document without the content of
-- its bodies (each body keeps its kind: an empty `xhtml` or `pdf_base64`). The
-- content is here, read only by the document view and the file routes.
-- Rows stored before this migration are split when the store opens.

CREATE TABLE document_bodies (
    document_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    -- '' for the document's own body, otherwise the attachment's id.
    part        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (document_id, version, part)
);

-- The import checks a disclosure's client against the document's clients.
CREATE INDEX document_clients_by_document ON document_clients (document_id, person);
