package io.continuity.server.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for requests the container itself rejects before Spring sees them (a {@code
 * %00} in the path, a malformed request line): on the API it is problem+json like every other API
 * answer; elsewhere Tomcat's minimal page, without server information or a stack trace.
 */
class ProblemErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  ProblemErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    String uri = request.getRequestURI();
    if (status < 400 || response.getContentWritten() > 0 || uri == null || !isApi(uri)) {
      super.report(request, response, throwable);
      return;
    }
    java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title(status));
    problem.put("status", status);
    problem.put(
        "detail",
        "the server rejected the request before reading it: check the path for encoded '/',"
            + " '%00' or control characters and the request line for malformed syntax");
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the response can no longer be written: nothing more to do
    }
  }

  private static boolean isApi(String uri) {
    return uri.startsWith("/api/") || uri.equals("/api");
  }

  private static String title(int status) {
    String phrase =
        StringManager.getManager(ErrorReportValve.class).getString("http." + status + ".reason");
    return phrase == null || phrase.startsWith("Cannot find") ? "Error " + status : phrase;
  }
}
