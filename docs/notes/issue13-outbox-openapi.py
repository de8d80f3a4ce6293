import json
p='src/main/resources/openapi/vaultmail-api.json'
d=json.load(open(p))
R=lambda n: {"$ref": "#/components/responses/"+n}
S=lambda n: {"$ref": "#/components/schemas/"+n}
problem=lambda desc: {"description": desc, "content": {"application/problem+json": {"schema": S("Problem")}}}
sec=[{"apiKey": []}]
d['tags'].append({"name": "Outbox", "description": "The sending gateway's outbox: send through a connected mailbox with an API key (`Authorization: Bearer vmk_…`), idempotently; read, cancel and retry messages (ADR 0037)."})
d['components']['securitySchemes'].setdefault('apiKey', {"type": "http", "scheme": "bearer", "bearerFormat": "vmk_…",
    "description": "An API key (`vmk_` + base62 + checksum) created under Settings → Sending API. Scopes: `send` (on chosen connected mailboxes or all), `outbox:read`, `webhooks`. Accepted only on the sending API's paths."})
idem={"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "minLength": 1, "maxLength": 255},
      "description": "Stripe's semantics, scoped to the key's owner and the mailbox, kept 24 h: a repeat with the same request replays the first 202 with `Idempotent-Replayed: true`; the same key with another request is 422; a repeat while the first is still being processed is 409. Requests refused before processing (validation, scope) are not stored. Longer than 255 characters: 400."}
idpath={"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
accepted={"description": "Accepted: the message and its status row are committed (and, with an Idempotency-Key, the stored answer in the same transaction).",
   "headers": {"Location": {"schema": {"type": "string"}}, "Idempotent-Replayed": {"description": "`true` when this is the stored answer of an earlier request with the same Idempotency-Key.", "schema": {"type": "string"}}},
   "content": {"application/json": {"schema": S("OutboxAccepted"), "example": {"id": "0b6f7d0e-2a51-4a8e-9a43-3c1f8e0c2f11", "status": "queued", "messageId": "5f0c…@example.org"}}}}
d['paths']['/api/v1/outbox']={
 "post": {"operationId": "sendThroughOutbox", "tags": ["Outbox"], "summary": "Send a message through a connected mailbox",
   "description": "Needs scope `send` for the mailbox. Checked as compose checks (no CR/LF in headers: 422 naming the field; at least one recipient; at most 100; sizes from `vaultmail.gateway.outbox-api.*`), built as MIME (Message-ID `<uuid@mailbox-domain>`; Bcc only in the envelope), stored sealed, answered 202 only after the commit. `from` may only be the mailbox's own address (with a display name). A mailbox that needs re-authentication accepts (the message is held); a disabled or unknown mailbox is 422.",
   "security": sec, "parameters": [idem],
   "requestBody": {"required": True, "content": {
     "application/json": {"schema": S("OutboxRequest"), "example": {"mailbox": "news@example.org", "from": "Example News <news@example.org>", "to": ["Bob <bob@example.org>"], "subject": "Your order", "text": "Thanks!", "html": "<p>Thanks!</p>", "headers": {"List-Unsubscribe": "<mailto:unsubscribe@example.org>"}, "attachments": [{"filename": "invoice.pdf", "contentType": "application/pdf", "content": "JVBERi0xLjQK"}], "metadata": {"orderId": 42}}},
     "multipart/form-data": {"schema": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string", "description": "The JSON body (OutboxRequest)."}}, "additionalProperties": {"type": "string", "format": "binary", "description": "Any other part is a file attachment (its filename and content type)."}}}}},
   "responses": {"202": accepted, "400": R("BadRequest"), "401": R("Unauthorized"), "403": problem("The key lacks scope `send` for this mailbox, or the request was not made with an API key."),
     "409": problem("A request with this Idempotency-Key is still being processed."), "413": problem("The message or an attachment is larger than allowed."),
     "422": problem("Invalid message (`field` names the field at fault: `to[0]`, `subject`, `headers.List-Id`, `attachments[1].filename`, `mailbox`, …), or an Idempotency-Key reused with another request.")}},
 "get": {"operationId": "listOutbox", "tags": ["Outbox"], "summary": "List your outbox messages", "description": "Needs scope `outbox:read`. Newest first; `next` is the `before` of the next page.",
   "security": sec, "parameters": [
     {"name": "status", "in": "query", "required": False, "schema": S("OutboxStatus")},
     {"name": "mailbox", "in": "query", "required": False, "schema": {"type": "string"}, "description": "A connected mailbox's address."},
     {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
     {"name": "before", "in": "query", "required": False, "schema": {"type": "string"}, "description": "The `next` of the previous page (a message id)."}],
   "responses": {"200": {"description": "One page.", "content": {"application/json": {"schema": S("OutboxPage")}}}, "400": R("BadRequest"), "401": R("Unauthorized"), "403": problem("The key lacks scope `outbox:read`.")}}}
d['paths']['/api/v1/outbox/{id}']={
 "get": {"operationId": "getOutboxMessage", "tags": ["Outbox"], "summary": "A message's status and history", "description": "Needs scope `outbox:read`; only your own messages (another user's id is 404).",
   "security": sec, "parameters": [idpath],
   "responses": {"200": {"description": "The message (never its content).", "content": {"application/json": {"schema": S("OutboxMessage")}}}, "401": R("Unauthorized"), "403": problem("The key lacks scope `outbox:read`."), "404": R("NotFound")}},
 "delete": {"operationId": "cancelOutboxMessage", "tags": ["Outbox"], "summary": "Cancel a message before sending starts", "description": "Needs scope `send` for the message's mailbox. Only while `queued`, `scheduled` or `held` and not leased by a worker (one conditional UPDATE).",
   "security": sec, "parameters": [idpath],
   "responses": {"200": {"description": "Cancelled.", "content": {"application/json": {"schema": S("OutboxMessage")}}}, "401": R("Unauthorized"), "403": problem("The key lacks scope `send` for this mailbox."), "404": R("NotFound"), "409": problem("Sending has started or finished.")}}}
d['paths']['/api/v1/outbox/{id}/retry']={
 "post": {"operationId": "retryOutboxMessage", "tags": ["Outbox"], "summary": "Send a failed or uncertain message again", "description": "Needs scope `send` for the message's mailbox. Only `failed` or `delivery_uncertain`: queued again (history: `retried by <key prefix>`), audited as `gateway.message.retried`.",
   "security": sec, "parameters": [idpath],
   "responses": {"200": {"description": "Queued again.", "content": {"application/json": {"schema": S("OutboxMessage")}}}, "401": R("Unauthorized"), "403": problem("The key lacks scope `send` for this mailbox."), "404": R("NotFound"), "409": problem("Neither failed nor delivery_uncertain.")}}}
sch=d['components']['schemas']
sch['OutboxStatus']={"type": "string", "enum": ["queued", "scheduled", "sending", "sent", "failed", "held", "delivery_uncertain", "cancelled"]}
sch['OutboxFile']={"type": "object", "required": ["filename", "content"], "properties": {"filename": {"type": "string", "maxLength": 255}, "contentType": {"type": "string", "default": "application/octet-stream"}, "content": {"type": "string", "contentEncoding": "base64"}, "contentId": {"type": "string", "description": "Makes the file inline, referenced as `cid:` from the HTML."}}}
sch['OutboxRequest']={"type": "object", "required": ["mailbox"], "properties": {
  "mailbox": {"type": "string", "description": "The connected mailbox's address."},
  "from": {"type": "string", "description": "The mailbox's own address, optionally with a display name (`Name <address>`); default the mailbox address."},
  "to": {"type": "array", "items": {"type": "string"}}, "cc": {"type": "array", "items": {"type": "string"}}, "bcc": {"type": "array", "items": {"type": "string"}, "description": "Envelope only, never a header."},
  "replyTo": {"type": "string"}, "subject": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
  "headers": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Allowed: List-Unsubscribe, List-Unsubscribe-Post, List-Id, List-Help, X-Entity-Ref-ID, References, In-Reply-To, Auto-Submitted, Precedence, Feedback-ID."},
  "attachments": {"type": "array", "items": S("OutboxFile")},
  "sendAt": {"type": "string", "format": "date-time", "description": "Not before (status `scheduled`)."},
  "metadata": {"type": "object", "description": "Yours, returned as sent; at most 4000 characters as JSON. Not sealed: no secrets here."}}}
sch['OutboxAccepted']={"type": "object", "required": ["id", "status", "messageId"], "properties": {"id": {"type": "string"}, "status": S("OutboxStatus"), "messageId": {"type": "string", "description": "The Message-ID header without angle brackets."}}}
sch['OutboxHistoryEntry']={"type": "object", "required": ["status", "at"], "properties": {"status": S("OutboxStatus"), "at": {"type": "string", "format": "date-time"}, "detail": {"type": ["string", "null"]}}}
msgprops={"id": {"type": "string"}, "status": S("OutboxStatus"), "messageId": {"type": "string"}, "mailbox": {"type": ["string", "null"]},
  "createdAt": {"type": "string", "format": "date-time"}, "sendAt": {"type": "string", "format": "date-time"}, "attempts": {"type": "integer"},
  "recipientCount": {"type": "integer"}, "replyCode": {"type": "integer"}, "failureReason": {"type": "string"}, "metadata": {"type": ["object", "null"]},
  "history": {"type": "array", "items": S("OutboxHistoryEntry")}}
sch['OutboxMessage']={"type": "object", "required": ["id", "status", "messageId", "createdAt"], "properties": msgprops}
sch['OutboxPage']={"type": "object", "required": ["messages"], "properties": {"messages": {"type": "array", "items": S("OutboxMessage")}, "next": {"type": ["string", "null"]}}}
open(p,'w').write(json.dumps(d,indent=2,ensure_ascii=False)+'\n')
