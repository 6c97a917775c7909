package io.fieldcast.simulator.e2e;

import io.fieldcast.platform.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A packaged service on a free port with the test JVM sizing, as the end-to-end tests start them. */
final class ServiceJar implements AutoCloseable {

    private final ServiceProcess process;
    final int port;

    ServiceJar(Path repo, String module, String portVariable, Map<String, String> env, Path log) throws IOException {
        this.process = ServiceProcess.module(repo, module).port(portVariable, 0)
                .jvmArgs(TestRuntimeEnv.SERVICE_JVM).env(env).log(log).start();
        this.port = process.port();
    }

    static Path jar(Path repo, String module) {
        return ServiceProcess.jar(repo, module);
    }

    void awaitReady(Duration timeout) throws Exception {
        process.awaitReady(timeout);
    }

    String url() {
        return process.url();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
