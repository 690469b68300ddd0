package dev.changewire.it;

import static dev.changewire.it.Waits.sleep;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another Payara Micro process for the tests that need a second node, a restart or a crash: the same WAR
 * with the same options as the integration tests' server (failsafe's payara.cmdOptions: on PostgreSQL
 * the same database), its own data directory (its own H2 file), and that server's sandbox as its
 * Constant Contact. The one launcher of the suite.
 */
public record Node(Process process, int port, Path log) {

    /** The wanted port when it is free, else any free one: another build on this machine may hold it. */
    static int freePort(int wanted) throws IOException {
        try (ServerSocket socket = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
            return wanted;
        } catch (IOException busy) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    static Node start(int wantedPort, int sandboxPort, Path dataDir) throws IOException {
        return start(wantedPort, sandboxPort, dataDir, null, List.of());
    }

    /**
     * Starts the process without waiting for it.
     *
     * @param rootDir Payara Micro's --rootdir (kept across starts, as mvn -Prun and run-payara-micro.sh do), or null for a fresh one
     * @param options JVM options after this server's own: a later -D of the same name wins
     * @param sandboxPort the port of the server whose sandbox is its Constant Contact; 0 for its own
     */
    static Node launch(int wantedPort, int sandboxPort, Path dataDir, Path rootDir, List<String> options) throws IOException {
        int port = freePort(wantedPort);
        if (sandboxPort == 0) {
            sandboxPort = port;
        }
        List<String> command = new ArrayList<>(List.of("java"));
        for (String option : System.getProperty("payara.cmdOptions", "").trim().split("\\s+")) {
            if (option.isBlank() || option.startsWith("-Dchangewire.data-dir=") || option.startsWith("-Xmx")
                    || option.startsWith("-Dchangewire.sandbox.url=")) {
                continue;
            }
            command.add(option);
        }
        command.add("-Xmx512m");
        command.addAll(options);
        command.add("-Dchangewire.data-dir=" + dataDir.toAbsolutePath());
        command.add("-Dchangewire.sandbox.url=http://127.0.0.1:" + sandboxPort + "/sandbox/constantcontact");
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", new File("target/changewire.war").getAbsolutePath(), "--contextroot", "/",
                "--port", Integer.toString(port), "--nocluster", "--interfaces", "127.0.0.1"));
        if (rootDir != null) {
            command.addAll(List.of("--rootdir", rootDir.toAbsolutePath().toString()));
        }
        Path log = dataDir.resolve("node-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new Node(process, port, log);
    }

    static Node start(int wantedPort, int sandboxPort, Path dataDir, Path rootDir, List<String> options) throws IOException {
        Node node = launch(wantedPort, sandboxPort, dataDir, rootDir, options);
        node.awaitReady();
        return node;
    }

    Api api() {
        try {
            return new Api(new URL("http://127.0.0.1:" + port + "/"));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitReady() throws IOException {
        Instant until = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro on port " + port + " exited; see " + log);
            }
            try {
                // the poller's liveness names this process's pid: the answer comes from the process started here
                var live = api().get("/health/live");
                if (live.body().contains("\"" + process.pid() + "@")
                        && api().asBootstrapAdmin().get("/elements/api-v2/elements/constantcontact").status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            sleep(1000);
        }
        kill();
        throw new IllegalStateException("Payara Micro on port " + port + " did not start in 240 s; see " + log);
    }

    /**
     * Stops the process in order (SIGTERM). A hard kill is not used for the restart: the embedded H2
     * delays its writes by up to 10 ms (its WRITE_DELAY), so a killed process loses the last
     * commits, which PostgreSQL would not.
     */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process at once, as a crash would (no orderly shutdown). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
