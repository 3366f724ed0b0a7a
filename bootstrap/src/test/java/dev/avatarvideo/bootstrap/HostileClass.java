package dev.avatarvideo.bootstrap;

/** The kinds of hostile request the suite generates, each a class of failure the border must stop at its root. */
enum HostileClass {

    TEXT("NUL and odd Unicode: lone surrogates, overlong and invalid UTF-8, bidi overrides, control and zero-width characters"),
    RANGE("numbers and times outside what a parameter or the database allows, and malformed numbers"),
    FRAMING("broken HTTP over a raw socket: framing, Host, versions, header syntax, encodings hidden in the path"),
    METHOD_OVERRIDE("reads carrying a method override header or _method parameter"),
    HUGE("bodies, headers and addresses over the limits, JSON nested too deep"),
    OTHER_TENANT("another tenant's ids where the caller's belong"),
    INTERNAL_URL("internal and non-http addresses in URL fields");

    /**
     * Internal URLs are refused by the SSRF validation another engineer adds (issue 11, class 7). Until that is merged
     * these cases run after the others, on their own, and are reported without failing the suite: set this to
     * {@code true} once the validation is in, and they count like every other case.
     */
    static final boolean SSRF_VALIDATION_MERGED = false;

    final String description;

    HostileClass(String description) {
        this.description = description;
    }

    /** Whether this class's cases wait for a change on another branch. */
    boolean pending() {
        return this == INTERNAL_URL && !SSRF_VALIDATION_MERGED;
    }
}
