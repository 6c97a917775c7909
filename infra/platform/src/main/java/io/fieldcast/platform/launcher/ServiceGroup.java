package io.fieldcast.platform.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The running instances of one service and, when there are several, the {@link Balancer} in front of them on the
 * service's address, so clients see one service whatever the count. Instance {@code i} (from 1) of a service on a
 * fixed port listens on that port + 1000 x i.
 */
public final class ServiceGroup implements AutoCloseable {

    private final String module;
    private final List<ServiceProcess> instances;
    private final Balancer balancer;
    private final IntFunction<ServiceProcess.Launch> launch;
    private final String portVariable;

    private ServiceGroup(String module, List<ServiceProcess> instances, Balancer balancer,
                         IntFunction<ServiceProcess.Launch> launch, String portVariable) {
        this.module = module;
        this.instances = new ArrayList<>(instances);
        this.balancer = balancer;
        this.launch = launch;
        this.portVariable = portVariable;
    }

    /**
     * Starts {@code count} instances, each from {@code launch.apply(i)} (everything but the port), listening where
     * {@code portVariable} says; {@code port} 0 means free ports.
     */
    public static ServiceGroup start(String module, int count, String portVariable, int port,
                                     IntFunction<ServiceProcess.Launch> launch) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("at least one instance of " + module);
        }
        if (count == 1) {
            return new ServiceGroup(module, List.of(launch.apply(1).port(portVariable, port).start()), null, launch,
                    portVariable);
        }
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                started.add(launch.apply(i).port(portVariable, port == 0 ? 0 : port + 1000 * i).start());
            }
            return new ServiceGroup(module, started, Balancer.start(port, started.stream().map(ServiceProcess::port)
                    .toList()), launch, portVariable);
        } catch (IOException | RuntimeException e) {
            for (ServiceProcess s : started) {
                try {
                    s.kill();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
    }

    public String module() {
        return module;
    }

    /** Where clients reach the service: the balancer, or the only instance. */
    public String url() {
        return balancer != null ? balancer.url() : instances.getFirst().url();
    }

    public int port() {
        return balancer != null ? balancer.port() : instances.getFirst().port();
    }

    public synchronized List<ServiceProcess> instances() {
        return List.copyOf(instances);
    }

    /**
     * Starts instance {@code index} (from 0) again on its port, as an orchestrator restarts a pod whose process died;
     * returns the new process (not ready yet). The old one should be gone (killed or stopped).
     */
    public synchronized ServiceProcess restart(int index) throws IOException {
        ServiceProcess old = instances.get(index);
        ServiceProcess next = launch.apply(index + 1).port(portVariable, old.port()).start();
        instances.set(index, next);
        return next;
    }

    /** Connections the balancer handed to each instance's port (empty with one instance). */
    public Map<Integer, Long> connectionsByInstance() {
        return balancer == null ? Map.of() : balancer.connectionsByBackend();
    }

    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        for (ServiceProcess s : instances()) {
            s.awaitReady(timeout);
        }
    }

    /** Stops the balancer, then every instance (SIGTERM, then forced after 30 s). */
    @Override
    public void close() throws InterruptedException {
        if (balancer != null) {
            balancer.close();
        }
        for (ServiceProcess s : instances().reversed()) {
            s.close();
        }
    }
}
