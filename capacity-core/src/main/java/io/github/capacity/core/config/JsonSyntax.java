package io.github.capacity.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax errors in an operator's words. Jackson's messages name parser features and
 * token codes; the common mistakes in a hand-edited file (a comma too many, a comment, single
 * quotes, a bare word) get a sentence that says what to change. Others keep Jackson's text, cleaned
 * of its internal source description. A value from the file is never repeated: it may be a secret.
 * Stateless.
 */
final class JsonSyntax {
  private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
  private static final Pattern TOKEN = Pattern.compile("(?:Unrecognized|Non-standard) token '(.*?)'");

  private JsonSyntax() {}

  static String problem(JsonProcessingException e) {
    int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    String where = column > 0 ? "invalid JSON at column " + column + ": " : "invalid JSON: ";
    String original = String.valueOf(e.getOriginalMessage());
    return where + plain(e, original);
  }

  private static String plain(JsonProcessingException e, String original) {
    if (e instanceof JsonEOFException || original.contains("end-of-input")) {
      return "the file ends too early, expected the rest of the document (a closing }, ] or \")";
    }
    Matcher unexpected = UNEXPECTED.matcher(original);
    String found = unexpected.find() ? "'" + unexpected.group(1) + "'" : null;
    if (original.contains("ALLOW_COMMENTS")) {
      return "a comment, which JSON does not allow, expected only keys and values";
    }
    if (original.contains("ALLOW_SINGLE_QUOTES") || "'''".equals(found)) {
      return "a single quote, expected double quotes around keys and strings";
    }
    if (found != null && original.contains("double-quote to start field name")) {
      return "unexpected " + found + ", expected a key in double quotes (a comma too many before it?)";
    }
    if (found != null && original.matches(".*expected a (valid )?value.*")) {
      return "unexpected " + found + ", expected a value (a comma too many before it?)";
    }
    if (found != null && original.contains("comma to separate Object entries")) {
      return "unexpected " + found + ", expected a comma between entries or a closing }";
    }
    if (found != null && original.contains("comma to separate Array entries")) {
      return "unexpected " + found + ", expected a comma between values or a closing ]";
    }
    if (found != null && original.contains("colon to separate field name and value")) {
      return "unexpected " + found + ", expected ':' between a key and its value";
    }
    Matcher token = TOKEN.matcher(original);
    if (token.find()) {
      // The word itself is not shown: an unquoted value is often a password or a token.
      int length = token.group(1).length();
      return "unexpected word (" + length + (length == 1 ? " character" : " characters")
          + " without quotes), expected a value: a \"string\", a number, true, false, null, an"
          + " object or a list";
    }
    if (original.contains("CTRL-CHAR")) {
      return "a control character (such as a line break) inside a string, expected it escaped as \\n or \\t";
    }
    if (original.contains("Invalid UTF-8")) {
      return "bytes that are not UTF-8 text, expected a UTF-8 file";
    }
    return original
        .replaceAll("\\s*\\(start marker at \\[Source:[^]]*\\][^)]*\\)", "")
        .replaceAll("\\[Source:[^]]*\\]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
