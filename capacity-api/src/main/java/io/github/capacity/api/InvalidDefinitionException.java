package io.github.capacity.api;

/**
 * A test or destination definition that cannot be used, found when the configuration is loaded
 * rather than at the first execution. The message reads {@code source: path: problem}, for example
 * {@code tests.json: homepage.url: scheme "ftp" is not supported; use http or https}; the engine
 * adds the line number where it knows it.
 */
public final class InvalidDefinitionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;
  private final String problem;

  /**
   * @param source the file the definition came from, as the operator knows it
   * @param path the JSON path of the offending value, such as {@code homepage.expect.status}
   * @param problem what is wrong and what was expected
   */
  public InvalidDefinitionException(String source, String path, String problem) {
    super(source + ": " + path + ": " + problem);
    this.source = source;
    this.path = path;
    this.problem = problem;
  }

  /** The file the definition came from. */
  public String source() {
    return source;
  }

  /** The JSON path of the offending value. */
  public String path() {
    return path;
  }

  /** What is wrong and what was expected, without the source and path. */
  public String problem() {
    return problem;
  }
}
