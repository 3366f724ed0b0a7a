package dev.avatarvideo.application.port.in;

/** A deliberate violation, for proving the architecture rules can fail: an in-port that is neither an interface nor a record. */
public final class InPortWrittenAsAClass {

    public String generate(String script) {
        return script;
    }
}
