package io.continuity.server.web.api;

import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole-estate status document ({@code GET /api/v1/status} without parameters) serialized once
 * per estate read: {@link StatusQuery} hands the same {@link EstateRead} to every request while it
 * is still the answer (at most {@code continuity.status.reuse-read-for}), so the requests in that
 * time share one serialization (4.8 MB for 10,000 resources) and its ETag instead of each building
 * them again (issue 15). Serialized with the application's own JSON mapper, so the bytes are those
 * the message converter would have written.
 *
 * <p>Pages ({@code GET /api/v1/status?page=..&size=..} and any filter) are kept the same way: one
 * serialization per read and query, at most {@value #MAX_PAGES} different queries per read (past
 * that a page is built for each request, as before).
 */
@Component
class EstateDocuments {

  static final int MAX_PAGES = 512;

  private final JsonMapper json;
  private final Object serializing = new Object();
  private volatile Document last;
  private volatile Pages pages;

  /** The pages of one read built so far, by query string. */
  private record Pages(EstateRead read, Map<String, Document> byQuery) {}

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
      document = new Document(read, read.estateEtag(), json.writeValueAsBytes(overview));
      last = document;
      return document;
    }
  }

  /** The page of {@code read} that {@code criteria} asks for, with its ETag. */
  Document page(EstateRead read, StatusCriteria criteria) {
    Pages current = pages;
    if (current == null || current.read() != read) {
      current = new Pages(read, new ConcurrentHashMap<>());
      pages = current;
    }
    String query = criteria.queryString();
    Document document = current.byQuery().get(query);
    if (document == null) {
      document = buildPage(read, criteria);
      if (current.byQuery().size() < MAX_PAGES) {
        current.byQuery().putIfAbsent(query, document);
      }
    }
    return document;
  }

  private Document buildPage(EstateRead read, StatusCriteria criteria) {
    List<ResourceStatus> matching = read.matching(criteria);
    List<ResourceStatus> shown = read.page(matching, criteria);
    List<GroupStatus> groups = read.groupsMatching(criteria);
    StatusPage page =
        new StatusPage(
            shown.stream()
                .map(r -> StatusViews.resource(r, read.now(), read.doubtOf(r.resource().id())))
                .toList(),
            groups.stream().map(g -> StatusViews.group(g, read.now())).toList(),
            criteria.page(),
            criteria.size(),
            matching.size(),
            Math.max(1, (matching.size() + criteria.size() - 1) / criteria.size()));
    return new Document(
        read,
        read.etag("page" + criteria.queryString() + "#" + matching.size(), shown, groups),
        json.writeValueAsBytes(page));
  }

  /** One read's document: its JSON and its weak ETag. */
  record Document(EstateRead read, String etag, byte[] json) {}
}
