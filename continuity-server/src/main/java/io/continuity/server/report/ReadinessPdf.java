package io.continuity.server.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A readiness report as PDF: the report's XHTML ({@link ReadinessHtml}, bars as sized blocks) laid
 * out by openhtmltopdf on PDFBox (decision 025), A4 landscape, "Page n of m" in every footer. Only
 * the standard PDF fonts are used, so nothing is fetched or embedded.
 */
public final class ReadinessPdf {

  private ReadinessPdf() {}

  public static byte[] render(ReadinessReport report) {
    String html =
        ReadinessHtml.render(report, true)
            .replace("<link rel=\"stylesheet\" href=\"/css/report.css\"/>", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html, null);
      builder.withProducer("Continuity");
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the readiness report as PDF", e);
    }
    return out.toByteArray();
  }
}
