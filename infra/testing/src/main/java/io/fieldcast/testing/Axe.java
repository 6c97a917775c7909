package io.fieldcast.testing;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The axe-core accessibility check (from the npm registry, {@code infra/testing/axe}, installed by {@code .ci/run} with
 * {@code npm ci}) run in a page a browser test has open: injected through the driver, which page scripts and their
 * Content-Security-Policy do not see, then run against WCAG 2.1 A and AA. A test calling it skips, saying why, where
 * axe-core is not installed.
 */
public final class Axe {

    /** Where the tests look for axe-core: {@code FIELDCAST_AXE_JS}, else the package beside this module. */
    static Path script() {
        String env = System.getenv("FIELDCAST_AXE_JS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("infra/testing/axe/node_modules/axe-core/axe.min.js");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("infra/testing/axe/node_modules/axe-core/axe.min.js");
    }

    /** One rule a page breaks: its id, impact (minor … critical), what it is about, and where (CSS selectors). */
    public record Violation(String id, String impact, String help, List<String> targets) {

        public boolean serious() {
            return "serious".equals(impact) || "critical".equals(impact);
        }
    }

    private Axe() {
    }

    /** The WCAG 2.1 A/AA violations of the page as it is now. */
    @SuppressWarnings("unchecked")
    public static List<Violation> check(WebDriver browser) {
        Path script = script();
        assumeTrue(Files.isRegularFile(script), "axe-core not found at " + script.toAbsolutePath()
                + "; run `npm ci --prefix infra/testing/axe` (as .ci/run does) or set FIELDCAST_AXE_JS");
        String source;
        try {
            source = Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(source);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                    .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' '))}))))
                    .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));
                """);
        return ((List<Map<String, Object>>) result).stream().map(v -> new Violation((String) v.get("id"),
                (String) v.get("impact"), (String) v.get("help"), (List<String>) v.get("targets"))).toList();
    }

    /** Only the serious and critical ones: what the pages must not have. */
    public static List<Violation> serious(WebDriver browser) {
        return check(browser).stream().filter(Violation::serious).toList();
    }
}
