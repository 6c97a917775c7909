package io.fieldcast.infra.local;

/** A port the local runtime wants is taken; the message names the variable that moves it. */
public final class PortInUseException extends IllegalStateException {

    private final int port;

    public PortInUseException(int port, String envName) {
        super("port " + port + " is in use by another process; set " + envName);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
