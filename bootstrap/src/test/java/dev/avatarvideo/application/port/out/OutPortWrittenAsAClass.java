package dev.avatarvideo.application.port.out;

/** A deliberate violation, for proving the architecture rules can fail: an out-port that is a class, not an interface. */
public class OutPortWrittenAsAClass {

    public String render(String script) {
        return script;
    }
}
