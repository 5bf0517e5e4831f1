package io.armada.testarea.internal;

import java.util.List;

/** A body with every kind of field the dialect tests need: text, a number, a list, an enum. */
public class EchoRequest {
    public enum Kind { PLAIN, FANCY }

    public String name;
    public int count;
    public List<String> tags;
    public Kind kind;
}
