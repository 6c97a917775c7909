package io.fieldcast.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user guides ({@code docs/}) show the pages as the browser tests picture them: every picture a guide names is in
 * {@code docs/screenshots/}, is a real PNG, and is one a browser test takes ({@code Screenshots.save} or its module's
 * own screenshot step, by name, or by a name stem followed by a viewport width); every link between guides resolves.
 */
class GuidesTest {

    private static final Path DOCS = ProductionOverlay.REPO.resolve("docs");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^]]+]\\((screenshots/([a-z0-9-]+)\\.png)\\)");
    private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^]]+]\\(([^)#:]+\\.md)(#[^)]*)?\\)");
    private static final Pattern WIDTH = Pattern.compile("-\\d{3}$");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void everyPictureAGuideShowsIsThereAndIsTakenByABrowserTest() throws IOException {
        String tests = testSources();
        Problems problems = new Problems();
        int pictures = 0;
        for (Path guide : guides()) {
            Matcher m = IMAGE.matcher(Files.readString(guide));
            while (m.find()) {
                pictures++;
                Path file = DOCS.resolve(m.group(1));
                problems.unless(Files.isRegularFile(file) && isPng(file), guide.getFileName() + " shows " + m.group(1)
                        + ", which is not in docs/ (./fieldcast screenshots takes and copies the pictures)");
                String name = m.group(2);
                String stem = WIDTH.matcher(name).replaceAll("-");
                problems.unless(tests.contains('"' + name + '"') || tests.contains('"' + stem + '"'),
                        guide.getFileName() + " shows " + name + ", which no browser test takes");
            }
        }
        problems.assertNone("the guides' pictures come from the browser tests");
        assertTrue(pictures >= 20, "the guides show the pages: " + pictures + " pictures");
    }

    @Test
    void everyLinkBetweenGuidesResolves() throws IOException {
        Problems problems = new Problems();
        for (Path guide : guides()) {
            Matcher m = LINK.matcher(Files.readString(guide));
            while (m.find()) {
                problems.unless(Files.isRegularFile(guide.resolveSibling(m.group(1)).normalize()),
                        guide.getFileName() + " links to " + m.group(1) + ", which is not there");
            }
        }
        problems.assertNone("the guides' links resolve");
    }

    @Test
    void noPictureIsLeftThatNoGuideShows() throws IOException {
        TreeSet<String> shown = new TreeSet<>();
        for (Path guide : guides()) {
            IMAGE.matcher(Files.readString(guide)).results().forEach(r -> shown.add(r.group(1)));
        }
        List<String> unused = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS.resolve("screenshots"))) {
            files.map(f -> "screenshots/" + f.getFileName()).filter(f -> !shown.contains(f)).forEach(unused::add);
        }
        assertFalse(!unused.isEmpty(), "pictures no guide shows (./fieldcast screenshots copies only those shown): "
                + unused);
    }

    private static List<Path> guides() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static boolean isPng(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every test source of the repository, one string: where the browser tests name their pictures. */
    private static String testSources() throws IOException {
        StringBuilder all = new StringBuilder();
        Files.walkFileTree(ProductionOverlay.REPO, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.equals("target") || name.equals("node_modules") || name.startsWith(".")
                        && !dir.equals(ProductionOverlay.REPO) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (file.toString().endsWith("Test.java") && file.toString().contains("/src/test/")) {
                    all.append(Files.readString(file)).append('\n');
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return all.toString();
    }
}
