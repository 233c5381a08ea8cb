// Inbound email decoded by postal-mime, the parser Cloudflare's Email Workers
// documentation uses, so the WASM bundle carries no MIME parser or charset
// tables. The Worker calls it with the raw message's bytes, and so do the
// native tests (tests/api/native.rs) under Node: both read email through the
// same decoding.
import PostalMime from 'postal-mime';

// postal-mime renders a text body from HTML only for a message that has a
// text part somewhere: counting plain text among the types it renders gives
// an HTML-only message the same conversion (postal-mime 4.0.0, pinned).
class TextParser extends PostalMime {
  constructor() {
    super();
    this.textTypes.add('plain');
  }
}

/**
 * The parts the portal reads of a raw RFC 5322 message (a Uint8Array):
 * `{ messageId, text, files }`, the first two undefined when the message has
 * none; `files` its attachments and inline parts, each `{ name, type,
 * inline, content }` with `content` a Uint8Array (the Rust side copies the
 * bytes, no JSON in between). A part is inline when it is a resource of the
 * HTML (a Content-ID in a multipart/related) or says
 * `Content-Disposition: inline`.
 */
export async function decodeEmail(raw) {
  const email = await new TextParser().parse(raw);
  const files = email.attachments.map((file) => ({
    name: file.filename || undefined,
    type: file.mimeType || '',
    inline: Boolean(file.related) || file.disposition === 'inline',
    content: new Uint8Array(file.content),
  }));
  return { messageId: email.messageId, text: email.text, files };
}
