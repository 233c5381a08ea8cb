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
 * `{ messageId, text }`, either undefined when the message has none.
 */
export async function decodeEmail(raw) {
  const email = await new TextParser().parse(raw);
  return { messageId: email.messageId, text: email.text };
}
