package io.fieldcast.eta.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report page's files (served from {@code META-INF/resources/report/}), and the same page as one self-contained
 * HTML file with the figures embedded, which the benchmark leaves behind.
 */
public final class ReportPage {

    private static final String DIR = "/META-INF/resources/report/";
    private static final String CSS_LINK = "<link rel=\"stylesheet\" href=\"/report/report.css\">";
    private static final String JS_TAG = "<script src=\"/report/report.js\"></script>";

    private ReportPage() {
    }

    public static String index() {
        return resource("index.html");
    }

    /** index.html with its style and script inlined and {@code window.FIELDCAST_REPORT} set: opens from disk. */
    public static String selfContained(EvaluationReport report) {
        String json;
        try {
            // "</" would end the script element early.
            json = new ObjectMapper().writeValueAsString(report).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String page = index();
        if (!page.contains(CSS_LINK) || !page.contains(JS_TAG)) {
            throw new IllegalStateException("report/index.html no longer links report.css and report.js as expected");
        }
        return page.replace(CSS_LINK, "<style>\n" + resource("report.css") + "</style>")
                .replace(JS_TAG, "<script>window.FIELDCAST_REPORT = " + json + ";</script>\n<script>\n"
                        + resource("report.js") + "</script>");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
