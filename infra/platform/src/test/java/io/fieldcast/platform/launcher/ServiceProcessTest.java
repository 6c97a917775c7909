package io.fieldcast.platform.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @TempDir
    Path repo;

    @Test
    void moduleStartsInTheCheckoutOnAFreePortWithItsEnvironmentAndOptions() throws Exception {
        packageFakeService("fake");

        try (ServiceProcess service = ServiceProcess.module(repo, "fake").port("FAKE_PORT", 0)
                .env(Map.of("GREETING", "hello")).jvmArgs(List.of("-Dfake.flag=on"))
                .log(repo.resolve("logs/fake.log")).start()) {
            service.awaitReady(Duration.ofSeconds(30));

            assertEquals("fake", service.module());
            assertTrue(service.port() > 0);
            assertTrue(ServiceProcess.answers(service.port()), "something answers on its port");
            assertEquals("hello on " + repo.toRealPath(), get(service.url() + "/q/health/ready"));
        }
    }

    @Test
    void serviceThatIssuesNoTokensIsLaunchedWithoutThePrivateKeyAndWithItsOwnDatabaseLogin() throws Exception {
        packageFakeService("eta-service");
        packageFakeService("dispatch-service");

        String eta = launchedEnvironment("eta-service");
        String dispatch = launchedEnvironment("dispatch-service");

        assertFalse(eta.contains("FIELDCAST_JWT_PRIVATE_KEY"), eta);
        assertTrue(eta.contains("FIELDCAST_JWT_PUBLIC_KEY=/keys/public.pem\n"), eta);
        assertTrue(eta.contains("FIELDCAST_PG_PASSWORD=eta-secret\n"), eta);
        assertTrue(eta.contains("FIELDCAST_PG_USER=eta\n"), eta);
        assertFalse(eta.contains("dispatch-secret"), eta);
        assertFalse(eta.contains("superuser"), eta);
        assertFalse(eta.contains("FIELDCAST_NOTIFY_TRACKING_SECRET"), eta);
        assertTrue(dispatch.contains("FIELDCAST_JWT_PRIVATE_KEY=/keys/private.pem\n"), dispatch);
        assertTrue(dispatch.contains("FIELDCAST_PG_USER=dispatch\n"), dispatch);
        assertFalse(dispatch.contains("eta-secret"), dispatch);
    }

    /** The FIELDCAST_ variables a fake service launched as {@code module} sees, given all of a runtime.env. */
    private String launchedEnvironment(String module) throws Exception {
        Map<String, String> runtimeEnv = Map.of(
                "FIELDCAST_PG_USER", "postgres", "FIELDCAST_PG_PASSWORD", "superuser",
                "FIELDCAST_PG_USER_ETA", "eta", "FIELDCAST_PG_PASSWORD_ETA", "eta-secret",
                "FIELDCAST_PG_USER_DISPATCH", "dispatch", "FIELDCAST_PG_PASSWORD_DISPATCH", "dispatch-secret",
                "FIELDCAST_JWT_PRIVATE_KEY", "/keys/private.pem", "FIELDCAST_JWT_PUBLIC_KEY", "/keys/public.pem",
                "FIELDCAST_NOTIFY_TRACKING_SECRET", "tracking");
        try (ServiceProcess service = ServiceProcess.module(repo, module).port("FAKE_PORT", 0).env(runtimeEnv)
                .log(repo.resolve("logs/" + module + ".log")).start()) {
            service.awaitReady(Duration.ofSeconds(30));
            return get(service.url() + "/env");
        }
    }

    @Test
    void serviceThatExitsDuringStartUpFailsWithTheTailOfItsLog() throws Exception {
        Path jar = packageFakeService("quitter");

        try (ServiceProcess service = ServiceProcess.ofJar(jar).port("FAKE_PORT", 0)
                .env(Map.of("FAKE_FAIL", "yes")).log(repo.resolve("logs/quitter.log")).start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> service.awaitReady(Duration.ofSeconds(30)));

            assertTrue(e.getMessage().startsWith("quitter exited during start-up"), e.getMessage());
            assertTrue(e.getMessage().contains("failing on purpose"), e.getMessage());
            assertFalse(service.alive());
        }
    }

    @Test
    void moduleThatIsNotPackagedIsRefusedWithTheBuildCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceProcess.module(repo, "none")
                .port("FAKE_PORT", 0).log(repo.resolve("none.log")).start());

        assertTrue(e.getMessage().contains("./mvnw -pl none -am package -DskipTests"), e.getMessage());
    }

    /** {@code <module>/target/quarkus-app/quarkus-run.jar} holding {@link FakeService} as its main class. */
    private Path packageFakeService(String module) throws IOException {
        Path jar = ServiceProcess.jar(repo, module);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
