package org.madoguchi.navigator.flow;

/** A flow or fee file that cannot be used; the message names the file and the line so staff can fix it. */
public class FlowException extends RuntimeException {

    private final String file;
    private final int line;

    public FlowException(String file, int line, String problem) {
        super(file + " " + line + "行目: " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
