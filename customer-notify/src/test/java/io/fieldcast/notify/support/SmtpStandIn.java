package io.fieldcast.notify.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal local SMTP server (no TLS, no auth) that records every message it accepts. */
public final class SmtpStandIn {

    /** One accepted message: envelope recipients and the raw DATA. */
    public record Mail(List<String> recipients, String data) {
    }

    private static SmtpStandIn instance;

    private final ServerSocket socket;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();

    private SmtpStandIn() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("smtp-stand-in").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofPlatform().daemon().start(() -> session(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public static synchronized SmtpStandIn get() {
        if (instance == null) {
            try {
                instance = new SmtpStandIn();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<Mail> mailsTo(String address) {
        return mails.stream().filter(m -> m.recipients().stream().anyMatch(r -> r.contains(address))).toList();
    }

    private void session(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 stand-in ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-stand-in\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO") || upper.startsWith("MAIL") || upper.startsWith("RSET")
                        || upper.startsWith("NOOP")) {
                    reply(out, "250 OK");
                } else if (upper.startsWith("RCPT")) {
                    recipients.add(line.substring(line.indexOf(':') + 1).trim());
                    reply(out, "250 OK");
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    mails.add(new Mail(List.copyOf(recipients), data.toString()));
                    recipients.clear();
                    reply(out, "250 queued");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // The client hung up; nothing to record.
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
