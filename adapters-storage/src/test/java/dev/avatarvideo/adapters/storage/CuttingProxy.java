package dev.avatarvideo.adapters.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a storage server that breaks down halfway through: once {@code budget} bytes have gone
 * towards the server it closes every open connection, and from then on closes any connection that tries to send more
 * than {@code allowanceAfterBreak} bytes. Small requests (an abort, a listing) still get through, as they would to a
 * server that drops large transfers; large ones never complete.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long budget;
    private final long allowanceAfterBreak;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicBoolean broken = new AtomicBoolean();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cuts = new AtomicLong();

    CuttingProxy(URI target, long budget, long allowanceAfterBreak) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.budget = budget;
        this.allowanceAfterBreak = allowanceAfterBreak;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many connections were cut. */
    long cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[16 * 1024];
        long sentOnThisConnection = 0;
        boolean bornBroken = broken.get();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (towardsServer) {
                    sentOnThisConnection += read;
                    if (!bornBroken && forwarded.addAndGet(read) > budget && broken.compareAndSet(false, true)) {
                        cutEverything();
                        return;
                    }
                    if (bornBroken && sentOnThisConnection > allowanceAfterBreak) {
                        cut(from, to);
                        return;
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away; the other follows below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void cutEverything() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        cuts.incrementAndGet();
    }

    private void cut(Socket from, Socket to) {
        closeQuietly(from);
        closeQuietly(to);
        cuts.incrementAndGet();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutEverything();
    }
}
