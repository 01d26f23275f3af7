package com.example.capacity.hello;

import io.github.capacity.api.Definition;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.TestTypeContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The kit holds the test type to the rules of docs/plugins.md, against two loopback servers: one
 * that answers each HELLO, one that accepts and never answers.
 */
class HelloTestTypeContractTest extends TestTypeContract {
  private ServerSocket answering;
  private ServerSocket silent;

  @Override
  protected TestType testType() {
    return new HelloTestType();
  }

  @Override
  protected Definition succeedingDefinition() throws IOException {
    if (answering == null) {
      answering = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread server = new Thread(() -> answer(answering), "hello-contract-server");
      server.setDaemon(true);
      server.start();
    }
    return definition(answering);
  }

  @Override
  protected Definition hangingDefinition() throws IOException {
    if (silent == null) {
      silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // never accepts, never answers
    }
    return definition(silent);
  }

  @Override
  protected Definition invalidDefinition() {
    return new Definition("tests.json", "greeter", "hello", Map.of("host", "127.0.0.1", "port", 0));
  }

  @Override
  protected boolean isTestInfrastructure(Thread thread) {
    return thread.getName().startsWith("hello-contract-server");
  }

  @AfterEach
  void closeServers() throws IOException {
    for (ServerSocket server : new ServerSocket[] {answering, silent}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static Definition definition(ServerSocket server) {
    return new Definition("tests.json", "greeter", "hello",
        Map.of("host", "127.0.0.1", "port", server.getLocalPort(), "timeout", "30s"));
  }

  private static void answer(ServerSocket server) {
    try {
      while (true) {
        try (Socket socket = server.accept()) {
          String line = new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
          OutputStream out = socket.getOutputStream();
          out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (IOException closed) {
      // the test is over
    }
  }
}
