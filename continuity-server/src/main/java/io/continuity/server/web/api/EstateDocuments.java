package io.continuity.server.web.api;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole-estate status document ({@code GET /api/v1/status} without parameters) serialized once
 * per estate read: {@link StatusQuery} hands the same {@link EstateRead} to every request while it
 * is still the answer (at most {@code continuity.status.reuse-read-for}), so the requests in that
 * time share one serialization (4.8 MB for 10,000 resources) and its ETag instead of each building
 * them again (issue 15). Serialized with the application's own JSON mapper, so the bytes are those
 * the message converter would have written.
 */
@Component
class EstateDocuments {

  private final JsonMapper json;
  private final Object serializing = new Object();
  private volatile Document last;

  EstateDocuments(JsonMapper json) {
    this.json = json;
  }

  /** The document of {@code read}, with its ETag. */
  Document of(EstateRead read) {
    Document document = last;
    if (document != null && document.read() == read) {
      return document;
    }
    synchronized (serializing) {
      document = last;
      if (document != null && document.read() == read) {
        return document;
      }
      StatusOverview overview =
          new StatusOverview(
              read.resources().stream()
                  .map(r -> StatusViews.resource(r, read.now(), read.doubtOf(r.resource().id())))
                  .toList(),
              read.groups().stream().map(g -> StatusViews.group(g, read.now())).toList());
      document =
          new Document(
              read,
              read.etag("all", read.resources(), read.groups()),
              json.writeValueAsBytes(overview));
      last = document;
      return document;
    }
  }

  /** One read's document: its JSON and its weak ETag. */
  record Document(EstateRead read, String etag, byte[] json) {}
}
