package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads spec YAML strictly into a tree whose every scalar is the text as written: {@code 1.10}
 * stays {@code "1.10"}, {@code no} stays {@code "no"}; only a plain {@code null}, {@code ~} or an
 * empty value is null. Refuses what YAML would otherwise silently reinterpret: a key given twice, a
 * second document, merge keys ({@code <<}) and custom tags. Aliases are resolved to the node they
 * name. Messages give the line and never quote the source, which may hold a secret.
 */
final class YamlText {
  /** Specs are small; this bounds what a hostile file can make the reader do. */
  static final int MAX_CODE_POINTS = 1_000_000;

  static final int MAX_ALIASES = 50;
  private static final int MAX_DEPTH = 50;
  private static final String STANDARD_TAGS = "tag:yaml.org,2002:";
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  private YamlText() {}

  /** A spec file's bytes as UTF-8 text, or a problem that says where it is not UTF-8. */
  static String decode(byte[] bytes) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = utf8.decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      int column = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      throw new YamlProblem(
          String.format(
              "is not UTF-8 text: the byte 0x%02X at line %d, column %d is not valid UTF-8;"
                  + " save the file as UTF-8",
              bytes[bad] & 0xFF, line, column));
    }
    utf8.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The single document in {@code text} as a tree of text scalars, or {@code null} when empty.
   *
   * @throws YamlProblem when it is not YAML, or YAML a spec must not use
   */
  static JsonNode read(String text, String source) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source == null ? "spec" : source)
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setUseMarks(true)
            .build();
    try {
      Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
      if (!documents.hasNext()) {
        return null;
      }
      Node first = documents.next();
      if (documents.hasNext()) {
        Node second = documents.next();
        throw new YamlProblem(
            "a second YAML document starts"
                + at(second.getStartMark().orElse(null))
                + "; a spec is one document: remove the '---' line and what follows, or put"
                + " the second release in its own file");
      }
      return new YamlText().tree(first, new IdentityHashMap<>(), 0);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      // getMessage() would quote the source line (a snippet with a caret), which may hold a token.
      String problem = e.getProblem() == null ? "" : e.getProblem();
      String context = e.getContext() == null ? "" : e.getContext();
      Mark opened = e.getContextMark().orElse(null);
      if (opened != null && context.contains("quoted scalar")) {
        // An unclosed quote is noticed lines later (or at the end); the mistake is where it opened.
        throw new YamlProblem(
            "is not valid YAML"
                + at(opened)
                + ": the quoted value that starts there is never closed; end it with the same"
                + " quote (noticed"
                + at(mark)
                + ")");
      }
      if (opened != null && context.contains("flow")) {
        // An unclosed { or [ is noticed where the next line starts; the mistake is where it opened.
        String bracket = context.contains("sequence") ? "[" : "{";
        throw new YamlProblem(
            "is not valid YAML"
                + at(opened)
                + ": the "
                + bracket
                + " opened there is never closed; close it with "
                + (bracket.equals("[") ? "]" : "}")
                + " (noticed"
                + at(mark)
                + ")");
      }
      throw new YamlProblem("is not valid YAML" + at(mark) + ": " + problem);
    } catch (YamlEngineException e) {
      throw new YamlProblem("is not valid YAML: " + e.getMessage());
    }
  }

  private JsonNode tree(Node node, Map<Node, Boolean> open, int depth) {
    if (depth > MAX_DEPTH || open.containsKey(node)) {
      throw new YamlProblem(
          "nests too deep or refers to itself" + at(node) + "; a spec needs no recursion");
    }
    String tag = node.getTag().getValue();
    if (!tag.startsWith(STANDARD_TAGS)) {
      throw new YamlProblem(
          "uses the tag " + tag + at(node) + "; specs take plain values, remove the tag");
    }
    if (node instanceof ScalarNode s) {
      return s.isPlain() && NULLS.contains(s.getValue())
          ? NullNode.getInstance()
          : TextNode.valueOf(s.getValue());
    }
    open.put(node, true);
    try {
      if (node instanceof SequenceNode seq) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Node item : seq.getValue()) {
          out.add(tree(item, open, depth + 1));
        }
        return out;
      }
      MappingNode map = (MappingNode) node;
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      List<String> seen = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw new YamlProblem("has a key that is not a name" + at(t.getKeyNode()));
        }
        String key = k.getValue();
        if (key.equals("<<") && k.isPlain()) {
          throw new YamlProblem(
              "uses a merge key '<<'"
                  + at(k)
                  + "; merge keys are not part of YAML 1.2: write the fields out (an alias"
                  + " such as cluster: *prod-cluster is fine)");
        }
        if (seen.contains(key)) {
          throw new YamlProblem(
              "gives the key '"
                  + key
                  + "' twice in one mapping, the second"
                  + at(k)
                  + "; YAML would silently keep only the last: remove one");
        }
        seen.add(key);
        out.set(key, tree(t.getValueNode(), open, depth + 1));
      }
      return out;
    } finally {
      open.remove(node);
    }
  }

  private static String at(Node node) {
    return at(node.getStartMark().orElse(null));
  }

  private static String at(Mark mark) {
    return mark == null
        ? ""
        : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /** What is wrong with a spec's YAML as such; the message follows the file's name. */
  static final class YamlProblem extends RuntimeException {
    YamlProblem(String message) {
      super(message);
    }
  }
}
