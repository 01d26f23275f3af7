package com.example.capacity.hello;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One prepared {@code hello} test. {@link #start} returns at once: the exchange runs on a pool of
 * daemon threads as large as {@code max_in_flight} (the engine never starts more than that), and
 * reports its outcome exactly once. {@link Execution#cancel()} closes the socket, which ends a
 * blocked read at once.
 */
final class HelloTest implements PreparedTest {
  private final InetSocketAddress address;
  private final int timeoutMillis;
  private final String expect;
  private final ExecutorService threads;

  HelloTest(String host, int port, Duration timeout, String expect, int maxInFlight) {
    this.address = InetSocketAddress.createUnresolved(host, port);
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.expect = expect;
    this.threads = Executors.newFixedThreadPool(maxInFlight, runnable -> {
      Thread thread = new Thread(runnable, "hello-test");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public Execution start(String testName, Consumer<Outcome> whenDone) {
    Socket socket = new Socket();
    AtomicBoolean cancelled = new AtomicBoolean();
    threads.execute(() -> whenDone.accept(cancelled.get() ? Outcome.cancelled() : exchange(socket, cancelled)));
    return () -> {
      cancelled.set(true);
      closeQuietly(socket);
    };
  }

  private Outcome exchange(Socket socket, AtomicBoolean cancelled) {
    try (socket) {
      InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
      if (resolved.isUnresolved()) {
        return Outcome.failed(ErrorClass.DNS, "cannot resolve " + address.getHostString());
      }
      socket.connect(resolved, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write("HELLO\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      if (answer == null) {
        return Outcome.failed(ErrorClass.RESET, "closed before answering");
      }
      long bytes = answer.length() + 1L;
      return answer.equals(expect)
          ? Outcome.ok(Outcome.NO_STATUS, bytes)
          : Outcome.failed(ErrorClass.BODY_MISMATCH, Outcome.NO_STATUS, bytes, "unexpected answer");
    } catch (ConnectException e) {
      return Outcome.failed(ErrorClass.CONNECT_REFUSED, e.getMessage());
    } catch (SocketTimeoutException e) {
      return Outcome.failed(socket.isConnected() ? ErrorClass.TIMEOUT : ErrorClass.CONNECT_TIMEOUT,
          e.getMessage());
    } catch (UnknownHostException e) {
      return Outcome.failed(ErrorClass.DNS, e.getMessage());
    } catch (IOException e) {
      return cancelled.get() ? Outcome.cancelled() : Outcome.failed(ErrorClass.IO, e.toString());
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all a cancel can do.
    }
  }
}
