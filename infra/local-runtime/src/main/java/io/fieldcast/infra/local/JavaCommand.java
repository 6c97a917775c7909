package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another JVM with this JVM's {@code java} and classpath. The classpath goes through an {@code @argfile}
 * because a Quarkus app's classpath can pass Linux's 128 KiB limit for one argument.
 */
final class JavaCommand {

    /** Overrides the classpath given to child JVMs (default: this JVM's {@code java.class.path}). */
    static final String CLASSPATH_PROPERTY = "fieldcast.runtime.classpath";

    private JavaCommand() {
    }

    static ProcessBuilder builder(Path argFile, List<String> jvmOptions, String mainClass, List<String> args) {
        writeClasspathArgFile(argFile);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("@" + argFile.toAbsolutePath());
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        String override = System.getProperty(CLASSPATH_PROPERTY);
        return override != null && !override.isBlank() ? override : System.getProperty("java.class.path");
    }

    private static void writeClasspathArgFile(Path argFile) {
        String quoted = classpath().replace("\\", "\\\\").replace("\"", "\\\"");
        try {
            Files.createDirectories(argFile.toAbsolutePath().getParent());
            Files.writeString(argFile, "-cp \"" + quoted + "\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + argFile, e);
        }
    }
}
